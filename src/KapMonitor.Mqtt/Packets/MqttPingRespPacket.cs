namespace KapMonitor.Mqtt.Packets;

/// <summary>PINGRESP <c>D0 00</c> (5.0 §3.13).</summary>
public sealed record MqttPingRespPacket : MqttPacket
{
    /// <summary>The only value; the packet has no fields.</summary>
    public static MqttPingRespPacket Instance { get; } = new();

    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.PingResp;
}

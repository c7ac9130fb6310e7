namespace KapMonitor.Mqtt.Packets;

/// <summary>PINGREQ <c>C0 00</c> (5.0 §3.12).</summary>
public sealed record MqttPingReqPacket : MqttPacket
{
    /// <summary>The only value; the packet has no fields.</summary>
    public static MqttPingReqPacket Instance { get; } = new();

    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.PingReq;
}

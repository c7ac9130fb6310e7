namespace KapMonitor.Mqtt.Packets;

/// <summary>DISCONNECT (3.1.1 §3.14 <c>E0 00</c>; 5.0 §3.14 with reason code and properties, either direction).</summary>
public sealed record MqttDisconnectPacket : MqttPacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.Disconnect;

    /// <summary>5.0 reason; Success = normal disconnection. Always Success in 3.1.1.</summary>
    public MqttReasonCode ReasonCode { get; init; }

    /// <summary>5.0 properties (Session Expiry Interval, Reason String, Server Reference, User Properties).</summary>
    public MqttProperties Properties { get; init; } = MqttProperties.Empty;
}

namespace KapMonitor.Mqtt.Packets;

/// <summary>UNSUBACK (3.1.1 §3.11; 5.0 §3.11).</summary>
public sealed record MqttUnsubAckPacket : MqttPacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.UnsubAck;

    /// <summary>Packet identifier of the UNSUBSCRIBE.</summary>
    public ushort PacketId { get; init; }

    /// <summary>5.0: one reason code per filter; 3.1.1: empty (the packet has no payload).</summary>
    public IReadOnlyList<MqttReasonCode> ReasonCodes { get; init; } = [];

    /// <summary>5.0 properties (Reason String, User Properties).</summary>
    public MqttProperties Properties { get; init; } = MqttProperties.Empty;
}

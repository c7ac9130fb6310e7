namespace KapMonitor.Mqtt.Packets;

/// <summary>SUBACK (3.1.1 §3.9; 5.0 §3.9).</summary>
public sealed record MqttSubAckPacket : MqttPacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.SubAck;

    /// <summary>Packet identifier of the SUBSCRIBE.</summary>
    public ushort PacketId { get; init; }

    /// <summary>One result per requested filter: granted QoS (0x00–0x02) or a failure (≥ 0x80).</summary>
    public required IReadOnlyList<MqttReasonCode> ReasonCodes { get; init; }

    /// <summary>5.0 properties (Reason String, User Properties).</summary>
    public MqttProperties Properties { get; init; } = MqttProperties.Empty;
}

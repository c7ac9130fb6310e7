namespace KapMonitor.Mqtt.Packets;

/// <summary>
/// The shared shape of PUBACK, PUBREC, PUBREL and PUBCOMP (5.0 §3.4–§3.7): packet id, reason code and
/// properties. 5.0 omits reason and properties when the reason is Success and there are no properties.
/// </summary>
public abstract record MqttPublishResponsePacket : MqttPacket
{
    /// <summary>Packet identifier of the flow (non-zero).</summary>
    public ushort PacketId { get; init; }

    /// <summary>5.0 reason code; always Success in 3.1.1.</summary>
    public MqttReasonCode ReasonCode { get; init; }

    /// <summary>5.0 properties (Reason String, User Properties).</summary>
    public MqttProperties Properties { get; init; } = MqttProperties.Empty;
}

/// <summary>PUBACK: QoS 1 acknowledgement.</summary>
public sealed record MqttPubAckPacket : MqttPublishResponsePacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.PubAck;
}

/// <summary>PUBREC: QoS 2 step 1.</summary>
public sealed record MqttPubRecPacket : MqttPublishResponsePacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.PubRec;
}

/// <summary>PUBREL: QoS 2 step 2 (fixed-header flags 0b0010).</summary>
public sealed record MqttPubRelPacket : MqttPublishResponsePacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.PubRel;
}

/// <summary>PUBCOMP: QoS 2 step 3.</summary>
public sealed record MqttPubCompPacket : MqttPublishResponsePacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.PubComp;
}

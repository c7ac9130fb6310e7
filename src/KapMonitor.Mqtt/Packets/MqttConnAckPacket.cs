namespace KapMonitor.Mqtt.Packets;

/// <summary>CONNACK (3.1.1 §3.2; 5.0 §3.2).</summary>
public sealed record MqttConnAckPacket : MqttPacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.ConnAck;

    /// <summary>Whether the server resumed a stored session.</summary>
    public bool SessionPresent { get; init; }

    /// <summary>Result; 3.1.1 return codes 1..5 are mapped to 0x84, 0x85, 0x88, 0x86, 0x87.</summary>
    public MqttReasonCode ReasonCode { get; init; }

    /// <summary>5.0 CONNACK properties.</summary>
    public MqttProperties Properties { get; init; } = MqttProperties.Empty;
}

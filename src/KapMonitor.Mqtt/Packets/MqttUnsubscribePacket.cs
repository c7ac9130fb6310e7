namespace KapMonitor.Mqtt.Packets;

/// <summary>UNSUBSCRIBE (3.1.1 §3.10; 5.0 §3.10).</summary>
public sealed record MqttUnsubscribePacket : MqttPacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;

    /// <summary>Packet identifier (non-zero).</summary>
    public ushort PacketId { get; init; }

    /// <summary>At least one topic filter ([MQTT-3.10.3-2]).</summary>
    public required IReadOnlyList<string> TopicFilters { get; init; }

    /// <summary>5.0 properties (User Properties).</summary>
    public MqttProperties Properties { get; init; } = MqttProperties.Empty;
}

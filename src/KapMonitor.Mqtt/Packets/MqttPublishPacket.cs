namespace KapMonitor.Mqtt.Packets;

/// <summary>PUBLISH (3.1.1 §3.3; 5.0 §3.3).</summary>
public sealed record MqttPublishPacket : MqttPacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.Publish;

    /// <summary>Topic name (empty only with a 5.0 Topic Alias).</summary>
    public required string Topic { get; init; }

    /// <summary>Payload bytes.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>QoS level (fixed-header bits 2–1).</summary>
    public MqttQualityOfService QualityOfService { get; init; }

    /// <summary>RETAIN (bit 0).</summary>
    public bool Retain { get; init; }

    /// <summary>DUP (bit 3): this is a re-delivery; always false for QoS 0 ([MQTT-3.3.1-2]).</summary>
    public bool Duplicate { get; init; }

    /// <summary>Packet identifier; non-zero for QoS 1/2, 0 (absent) for QoS 0.</summary>
    public ushort PacketId { get; init; }

    /// <summary>5.0 PUBLISH properties.</summary>
    public MqttProperties Properties { get; init; } = MqttProperties.Empty;
}

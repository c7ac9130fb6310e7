namespace KapMonitor.Mqtt.Packets;

/// <summary>SUBSCRIBE (3.1.1 §3.8; 5.0 §3.8).</summary>
public sealed record MqttSubscribePacket : MqttPacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.Subscribe;

    /// <summary>Packet identifier (non-zero).</summary>
    public ushort PacketId { get; init; }

    /// <summary>At least one subscription ([MQTT-3.8.3-3]).</summary>
    public required IReadOnlyList<MqttSubscription> Subscriptions { get; init; }

    /// <summary>5.0 properties (Subscription Identifier, User Properties).</summary>
    public MqttProperties Properties { get; init; } = MqttProperties.Empty;
}

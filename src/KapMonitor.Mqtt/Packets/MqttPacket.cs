namespace KapMonitor.Mqtt.Packets;

/// <summary>One MQTT control packet, decoded or about to be encoded.</summary>
public abstract record MqttPacket
{
    /// <summary>The control packet type.</summary>
    public abstract MqttPacketType Type { get; }
}

namespace KapMonitor.Mqtt.Packets;

/// <summary>CONNECT (3.1.1 §3.1; 5.0 §3.1).</summary>
public sealed record MqttConnectPacket : MqttPacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.Connect;

    /// <summary>Protocol level 4 or 5; also selects the encoding of the rest of this packet.</summary>
    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.V500;

    /// <summary>Client identifier; may be empty (3.1.1 only with Clean Session).</summary>
    public string ClientId { get; init; } = "";

    /// <summary>Clean Session (3.1.1) / Clean Start (5.0), Connect Flags bit 1.</summary>
    public bool CleanStart { get; init; } = true;

    /// <summary>Keep Alive in seconds; 0 disables.</summary>
    public ushort KeepAliveSeconds { get; init; }

    /// <summary>User name, or null when absent.</summary>
    public string? UserName { get; init; }

    /// <summary>Password bytes, or null when absent.</summary>
    public ReadOnlyMemory<byte>? Password { get; init; }

    /// <summary>The Will, or null.</summary>
    public MqttWill? Will { get; init; }

    /// <summary>5.0 CONNECT properties.</summary>
    public MqttProperties Properties { get; init; } = MqttProperties.Empty;
}

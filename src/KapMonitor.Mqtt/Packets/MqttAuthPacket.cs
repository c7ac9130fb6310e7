namespace KapMonitor.Mqtt.Packets;

/// <summary>AUTH (5.0 §3.15 only; type 15 is reserved in 3.1.1).</summary>
public sealed record MqttAuthPacket : MqttPacket
{
    /// <inheritdoc/>
    public override MqttPacketType Type => MqttPacketType.Auth;

    /// <summary>Success, Continue authentication or Re-authenticate.</summary>
    public MqttReasonCode ReasonCode { get; init; }

    /// <summary>Authentication Method/Data, Reason String, User Properties.</summary>
    public MqttProperties Properties { get; init; } = MqttProperties.Empty;
}

namespace KapMonitor.Mqtt;

/// <summary>An application message: what a PUBLISH (or a Will) carries, independent of packet ids and DUP.</summary>
public sealed record MqttApplicationMessage
{
    /// <summary>Topic name; no wildcards, no U+0000, 1..65535 UTF-8 bytes (5.0 §4.7).</summary>
    public required string Topic { get; init; }

    /// <summary>Payload bytes.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Delivery guarantee.</summary>
    public MqttQualityOfService QualityOfService { get; init; }

    /// <summary>Whether the broker keeps this message for future subscribers.</summary>
    public bool Retain { get; init; }

    /// <summary>5.0 Message Expiry Interval in seconds (ignored for 3.1.1).</summary>
    public uint? MessageExpiryInterval { get; init; }

    /// <summary>5.0 Content Type (ignored for 3.1.1).</summary>
    public string? ContentType { get; init; }

    /// <summary>5.0 Payload Format Indicator: 1 = UTF-8 text (ignored for 3.1.1).</summary>
    public byte? PayloadFormatIndicator { get; init; }

    /// <summary>5.0 Response Topic (ignored for 3.1.1).</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>5.0 Correlation Data (ignored for 3.1.1).</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    /// <summary>5.0 User Properties (ignored for 3.1.1).</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>5.0 Subscription Identifiers of the matching subscriptions (received messages only).</summary>
    public IReadOnlyList<uint> SubscriptionIdentifiers { get; init; } = [];

    /// <summary>The PUBLISH/Will property block for this message (5.0 §3.3.2.3).</summary>
    public MqttProperties ToProperties(uint? willDelayInterval = null) =>
        MessageExpiryInterval is null && ContentType is null && PayloadFormatIndicator is null && ResponseTopic is null &&
        CorrelationData is null && UserProperties.Count == 0 && willDelayInterval is null
            ? MqttProperties.Empty
            : new MqttProperties
            {
                MessageExpiryInterval = MessageExpiryInterval,
                ContentType = ContentType,
                PayloadFormatIndicator = PayloadFormatIndicator,
                ResponseTopic = ResponseTopic,
                CorrelationData = CorrelationData,
                UserProperties = UserProperties,
                WillDelayInterval = willDelayInterval,
            };
}

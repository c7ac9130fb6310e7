namespace KapMonitor.Mqtt.Packets;

/// <summary>One topic filter of a SUBSCRIBE with its Subscription Options (5.0 §3.8.3.1).</summary>
public sealed record MqttSubscription
{
    /// <summary>Topic filter; wildcards allowed (<c>#</c> last and alone, <c>+</c> a whole level).</summary>
    public required string TopicFilter { get; init; }

    /// <summary>Maximum QoS the subscriber accepts.</summary>
    public MqttQualityOfService QualityOfService { get; init; }

    /// <summary>5.0 No Local: do not receive own publications.</summary>
    public bool NoLocal { get; init; }

    /// <summary>5.0 Retain As Published: keep the RETAIN flag on forwarded messages.</summary>
    public bool RetainAsPublished { get; init; }

    /// <summary>5.0 Retain Handling: 0 send retained, 1 only for new subscriptions, 2 never.</summary>
    public byte RetainHandling { get; init; }
}

namespace KapMonitor.Mqtt;

/// <summary>
/// The Will: a message the broker publishes when the connection ends without a normal DISCONNECT
/// (3.1.1 §3.1.2.5; 5.0 §3.1.2.5). A retained Will persists on the broker until cleared.
/// </summary>
public sealed record MqttWill
{
    /// <summary>The Will message (topic, payload, QoS, retain and 5.0 message properties).</summary>
    public required MqttApplicationMessage Message { get; init; }

    /// <summary>5.0 Will Delay Interval in seconds (ignored for 3.1.1).</summary>
    public uint? DelayInterval { get; init; }
}

namespace KapMonitor.Mqtt;

/// <summary>Delivery guarantee of a PUBLISH (3.1.1 §4.3; 5.0 §4.3).</summary>
public enum MqttQualityOfService : byte
{
    /// <summary>QoS 0: fire and forget, no acknowledgement.</summary>
    AtMostOnce = 0,

    /// <summary>QoS 1: PUBLISH → PUBACK; may be delivered more than once.</summary>
    AtLeastOnce = 1,

    /// <summary>QoS 2: PUBLISH → PUBREC → PUBREL → PUBCOMP; delivered exactly once.</summary>
    ExactlyOnce = 2,
}

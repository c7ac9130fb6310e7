namespace KapMonitor.Mqtt.Client;

/// <summary>SUBACK outcome: per filter, the granted QoS (0x00–0x02) or a failure reason (≥ 0x80).</summary>
/// <param name="ReasonCodes">One entry per requested filter, in request order.</param>
/// <param name="ReasonString">5.0 Reason String, when sent.</param>
public sealed record MqttSubscribeResult(IReadOnlyList<MqttReasonCode> ReasonCodes, string? ReasonString)
{
    /// <summary>True when every filter was granted.</summary>
    public bool IsSuccess => ReasonCodes.All(c => (byte)c < 0x80);
}

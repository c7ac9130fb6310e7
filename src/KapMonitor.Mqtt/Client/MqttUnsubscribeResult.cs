namespace KapMonitor.Mqtt.Client;

/// <summary>UNSUBACK outcome: per filter a 5.0 reason code (3.1.1 reports Success for each).</summary>
/// <param name="ReasonCodes">One entry per requested filter, in request order.</param>
/// <param name="ReasonString">5.0 Reason String, when sent.</param>
public sealed record MqttUnsubscribeResult(IReadOnlyList<MqttReasonCode> ReasonCodes, string? ReasonString)
{
    /// <summary>True when no filter failed.</summary>
    public bool IsSuccess => ReasonCodes.All(c => (byte)c < 0x80);
}

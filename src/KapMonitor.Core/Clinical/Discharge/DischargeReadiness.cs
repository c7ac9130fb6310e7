namespace KapMonitor.Core.Clinical.Discharge;

/// <summary>Discharge readiness with every criterion and the evidence used.</summary>
/// <param name="Ready">All criteria met.</param>
/// <param name="EvaluatedAt">Engine time of the evaluation.</param>
/// <param name="Criteria">Each criterion.</param>
/// <param name="Baseline">The baseline BP used (frozen at first dose), or null.</param>
/// <param name="BaselineHeartRate">Baseline heart rate used, or null.</param>
/// <param name="ReadingsUsed">The BP readings the BP criterion looked at, latest first.</param>
/// <param name="MinutesSinceAnchor">Minutes since the profile's anchor, or null before it.</param>
/// <param name="Spo2WindowStart">Start of the current run of valid SpO2 above the limit, or null.</param>
/// <param name="Spo2WindowMin">Lowest SpO2 in that run, or null.</param>
/// <param name="LastHeartRate">Latest valid heart rate, or null.</param>
/// <param name="PendingAttestations">Attestation items not yet made.</param>
/// <param name="BlockingAlarms">Alarm ids that block discharge.</param>
public sealed record DischargeReadiness(
    bool Ready,
    DateTimeOffset EvaluatedAt,
    IReadOnlyList<DischargeCriterion> Criteria,
    BpReading? Baseline,
    double? BaselineHeartRate,
    IReadOnlyList<BpReading> ReadingsUsed,
    double? MinutesSinceAnchor,
    DateTimeOffset? Spo2WindowStart,
    double? Spo2WindowMin,
    double? LastHeartRate,
    IReadOnlyList<string> PendingAttestations,
    IReadOnlyList<string> BlockingAlarms);

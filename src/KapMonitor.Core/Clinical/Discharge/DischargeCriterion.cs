namespace KapMonitor.Core.Clinical.Discharge;

/// <summary>One discharge criterion and whether it is met, with a human-readable account of the evidence.</summary>
/// <param name="Id">Criterion id: <c>min-time</c>, <c>bp</c>, <c>spo2</c>, <c>heart-rate</c>, <c>alarms</c>, <c>attestations</c>.</param>
/// <param name="Met">Whether it is met.</param>
/// <param name="Detail">The evidence in words (invariant culture, deterministic).</param>
public sealed record DischargeCriterion(string Id, bool Met, string Detail);

using KapMonitor.Core.Clinical.Discharge;

namespace KapMonitor.Core.Clinical.Engine;

/// <summary>The pre-dose gate with its evidence.</summary>
/// <param name="State">Gate state.</param>
/// <param name="Baseline">Latest BP reading considered as baseline, or null.</param>
/// <param name="BaselineSpo2">Latest valid SpO2 in the window, or null.</param>
/// <param name="SystolicLimit">Systolic limit applied (age-dependent).</param>
/// <param name="DiastolicLimit">Diastolic limit applied.</param>
/// <param name="Reasons">Why the gate is held or awaiting (empty when clear).</param>
/// <param name="OverriddenBy">Prescriber who overrode, or null.</param>
/// <param name="OverrideReason">The prescriber's reason, or null.</param>
public sealed record GateStatus(
    GateState State,
    BpReading? Baseline,
    double? BaselineSpo2,
    double SystolicLimit,
    double DiastolicLimit,
    IReadOnlyList<string> Reasons,
    string? OverriddenBy,
    string? OverrideReason);

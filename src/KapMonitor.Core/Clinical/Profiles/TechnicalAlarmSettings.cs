using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>Technical alarms (docs/clinical-engine.md, "Technical alarms").</summary>
public sealed record TechnicalAlarmSettings
{
    /// <summary>Metrics expected continuously and the seconds without valid data before "no data" is raised.</summary>
    public IReadOnlyDictionary<Metric, double> StaleSeconds { get; init; } = new Dictionary<Metric, double>();

    /// <summary>Priority of "no data".</summary>
    public AlarmPriority StalePriority { get; init; } = AlarmPriority.Medium;

    /// <summary>Probe off / sensor disconnected for this long raises the probe-off alarm.</summary>
    public double ProbeOffSeconds { get; init; } = 30;

    /// <summary>Priority of probe off.</summary>
    public AlarmPriority ProbeOffPriority { get; init; } = AlarmPriority.Medium;

    /// <summary>Priority of device disconnected (raised immediately).</summary>
    public AlarmPriority DisconnectedPriority { get; init; } = AlarmPriority.Medium;

    /// <summary>Consecutive NIBP failures that raise the NIBP-failed alarm.</summary>
    public int NibpFailuresInRow { get; init; } = 2;

    /// <summary>Priority of NIBP failed.</summary>
    public AlarmPriority NibpFailedPriority { get; init; } = AlarmPriority.Medium;

    /// <summary>Priority of scheduled BP overdue.</summary>
    public AlarmPriority OverduePriority { get; init; } = AlarmPriority.Medium;

    /// <summary>Treat SpO2 as questionable while a cuff inflates (same-arm desaturation artefact).</summary>
    public bool SuppressSpo2DuringCuffInflation { get; init; } = true;

    /// <summary>An inflation with no end event is assumed over after this (oscillometric cycles take at most ~180 s).</summary>
    public double CuffCycleMaxSeconds { get; init; } = 180;
}

using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Alarms;

/// <summary>One physiological alarm rule on one metric.</summary>
public sealed record AlarmRule
{
    /// <summary>Stable id within the profile, e.g. <c>sbp-high</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Metric the rule watches.</summary>
    public required Metric Metric { get; init; }

    /// <summary>Priority of the alarm.</summary>
    public required AlarmPriority Priority { get; init; }

    /// <summary>Direction of the limit.</summary>
    public required AlarmComparison Comparison { get; init; }

    /// <summary>How <see cref="Limit"/> is applied.</summary>
    public AlarmLimitKind LimitKind { get; init; }

    /// <summary>The limit, delta or percent.</summary>
    public required double Limit { get; init; }

    /// <summary>Condition delay kind.</summary>
    public AlarmDelayKind Delay { get; init; }

    /// <summary>Persistence seconds for <see cref="AlarmDelayKind.Persistence"/>.</summary>
    public double DelaySeconds { get; init; }

    /// <summary>Window for the confirming reading for <see cref="AlarmDelayKind.RepeatReading"/>.</summary>
    public double RepeatWindowSeconds { get; init; } = 180;

    /// <summary>Integral threshold (unit·s) for <see cref="AlarmDelayKind.SatSeconds"/>.</summary>
    public double SatSecondsLimit { get; init; }

    /// <summary>The condition ends only once the value is this far back inside the limit.</summary>
    public double ClearHysteresis { get; init; }

    /// <summary>... and has stayed there this long.</summary>
    public double ClearSeconds { get; init; }

    /// <summary>Stays until acknowledged after the condition ends; null means "high latches, others do not".</summary>
    public bool? Latching { get; init; }

    /// <summary>Message shown with the alarm.</summary>
    public string Message { get; init; } = "";

    /// <summary>Suggested human action (e.g. "consider pausing infusion"); the engine never acts on it.</summary>
    public string? ActionHint { get; init; }

    /// <summary>Whether the rule latches once the defaults are applied.</summary>
    public bool IsLatching => Latching ?? Priority == AlarmPriority.High;
}

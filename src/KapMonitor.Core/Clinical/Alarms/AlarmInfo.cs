using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Alarms;

/// <summary>An alarm as reported in decisions and snapshots.</summary>
/// <param name="Id">Instance id: source plus occurrence number, e.g. <c>sbp-high#2</c>.</param>
/// <param name="Source">Rule id (physiological) or technical source, e.g. <c>probe-off:room-3-oximeter</c>.</param>
/// <param name="Kind">Physiological or technical.</param>
/// <param name="Priority">Priority.</param>
/// <param name="State">Current state.</param>
/// <param name="Metric">Metric involved, <see cref="Metric.None"/> when none.</param>
/// <param name="Value">Value that raised it, when physiological.</param>
/// <param name="Limit">Effective limit at the time, when physiological.</param>
/// <param name="Message">Human message.</param>
/// <param name="ActionHint">Suggested action, or null.</param>
/// <param name="RaisedAt">When raised.</param>
/// <param name="AcknowledgedBy">User who acknowledged, or null.</param>
/// <param name="AcknowledgedAt">When acknowledged, or null.</param>
/// <param name="Escalated">Whether it has escalated.</param>
public sealed record AlarmInfo(
    string Id,
    string Source,
    AlarmKind Kind,
    AlarmPriority Priority,
    AlarmState State,
    Metric Metric,
    double? Value,
    double? Limit,
    string Message,
    string? ActionHint,
    DateTimeOffset RaisedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    bool Escalated);

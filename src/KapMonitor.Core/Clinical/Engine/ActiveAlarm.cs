using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Engine;

/// <summary>Mutable engine-side state of one alarm instance; <see cref="ToInfo"/> gives the public view.</summary>
internal sealed class ActiveAlarm
{
    public required string Id { get; init; }
    public required string Source { get; init; }
    public required AlarmKind Kind { get; init; }
    public required AlarmPriority Priority { get; init; }
    public required bool Latching { get; init; }
    public required string Message { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
    public Metric Metric { get; init; }
    public double? Value { get; init; }
    public double? Limit { get; init; }
    public string? ActionHint { get; init; }
    public bool ConditionActive { get; set; } = true;
    public bool Acknowledged { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public bool Escalated { get; set; }
    public bool Removed { get; set; }

    public AlarmState State =>
        !ConditionActive ? AlarmState.Latched : Acknowledged ? AlarmState.Acknowledged : AlarmState.Active;

    public AlarmInfo ToInfo() =>
        new(Id, Source, Kind, Priority, State, Metric, Value, Limit, Message, ActionHint, RaisedAt, AcknowledgedBy, AcknowledgedAt, Escalated);
}

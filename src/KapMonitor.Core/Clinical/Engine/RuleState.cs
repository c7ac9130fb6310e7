namespace KapMonitor.Core.Clinical.Engine;

/// <summary>Per-rule condition-delay state, kept in a preallocated array so the observation path does not allocate.</summary>
internal struct RuleState
{
    /// <summary>Effective limit; NaN while a baseline-relative rule has no baseline.</summary>
    public double Limit;
    public bool Violating;
    public DateTimeOffset ViolatingSince;
    public double SatIntegral;
    public bool HasLastSample;
    public DateTimeOffset LastSampleAt;
    public bool Pending;
    public DateTimeOffset PendingSince;
    public bool Clearing;
    public DateTimeOffset ClearingSince;
    public ActiveAlarm? Alarm;
}

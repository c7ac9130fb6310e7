using KapMonitor.Core.Clinical.Alarms;

namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>Physiological rules and the alarm-system behaviour (IEC 60601-1-8 vocabulary).</summary>
public sealed record AlarmSettings
{
    /// <summary>Audio paused lasts this long, then re-sounds if an alarm is still unacknowledged (usual: 120 s).</summary>
    public double AudioPauseSeconds { get; init; } = 120;

    /// <summary>An unacknowledged alarm at or above <see cref="EscalateMinPriority"/> escalates after this (ours: 120 s).</summary>
    public double EscalateAfterSeconds { get; init; } = 120;

    /// <summary>Lowest priority that escalates.</summary>
    public AlarmPriority EscalateMinPriority { get; init; } = AlarmPriority.Medium;

    /// <summary>The physiological rules.</summary>
    public IReadOnlyList<AlarmRule> Rules { get; init; } = [];
}

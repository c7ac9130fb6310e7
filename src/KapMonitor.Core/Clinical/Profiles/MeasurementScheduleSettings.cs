namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>When blood pressure must be taken after the dose.</summary>
public sealed record MeasurementScheduleSettings
{
    /// <summary>Mandatory readings at fixed offsets (e.g. REMS 40 ± 5 min).</summary>
    public IReadOnlyList<FixedMeasurement> Fixed { get; init; } = [];

    /// <summary>Periodic phases; the earliest next-due instant among active phases wins.</summary>
    public IReadOnlyList<PeriodicMeasurement> Periodic { get; init; } = [];

    /// <summary>A due reading not taken this long after it was due raises the overdue technical alarm.</summary>
    public double OverdueAfterMinutes { get; init; } = 5;
}

/// <summary>A mandatory reading at <see cref="AtMinutes"/> ± <see cref="ToleranceMinutes"/> after the anchor.</summary>
public sealed record FixedMeasurement
{
    /// <summary>Label carried by the due decision and the REMS export (e.g. <c>rems-40min</c>).</summary>
    public required string Label { get; init; }

    /// <summary>Anchor timepoint.</summary>
    public ScheduleAnchor Anchor { get; init; }

    /// <summary>Target offset.</summary>
    public required double AtMinutes { get; init; }

    /// <summary>Half-width of the acceptance window; the reading is due at its start.</summary>
    public double ToleranceMinutes { get; init; }
}

/// <summary>Readings every <see cref="EveryMinutes"/> from an anchor offset, optionally until another.</summary>
public sealed record PeriodicMeasurement
{
    /// <summary>Anchor of the phase start.</summary>
    public ScheduleAnchor Anchor { get; init; }

    /// <summary>Phase starts this long after the anchor.</summary>
    public double FromMinutes { get; init; }

    /// <summary>Anchor of the phase end, when the phase ends.</summary>
    public ScheduleAnchor? UntilAnchor { get; init; }

    /// <summary>Phase ends this long after <see cref="UntilAnchor"/>.</summary>
    public double UntilMinutes { get; init; }

    /// <summary>Interval while the last reading is within the gate limits.</summary>
    public required double EveryMinutes { get; init; }

    /// <summary>Shorter interval while the last reading is above the gate limits; null to keep the interval.</summary>
    public double? WhileAboveLimitsEveryMinutes { get; init; }
}

using KapMonitor.Core.Clinical.Alarms;

namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>Discharge readiness (PADSS vital-sign item, Aldrete SpO2 item, REMS observation time).</summary>
public sealed record DischargeCriteria
{
    /// <summary>Anchor for the minimum observation time.</summary>
    public ScheduleAnchor Anchor { get; init; }

    /// <summary>Minimum minutes since the anchor.</summary>
    public double MinMinutes { get; init; } = 120;

    /// <summary>How many of the latest BP readings must satisfy the BP criteria.</summary>
    public int BpReadings { get; init; } = 2;

    /// <summary>Minimum spacing between those readings.</summary>
    public double BpMinSpacingMinutes { get; init; } = 10;

    /// <summary>|reading − baseline| ≤ this % of baseline, for systolic and diastolic (PADSS "within 20%").</summary>
    public double BpWithinPercentOfBaseline { get; init; } = 20;

    /// <summary>Systolic may exceed the previous reading by at most this and still count as "not rising".</summary>
    public double BpNotRisingToleranceMmHg { get; init; } = 5;

    /// <summary>Absolute systolic ceiling regardless of baseline.</summary>
    public double CeilingSystolic { get; init; } = 160;

    /// <summary>Absolute diastolic ceiling regardless of baseline.</summary>
    public double CeilingDiastolic { get; init; } = 100;

    /// <summary>The latest BP reading must be at most this old ("and before discharge").</summary>
    public double LastBpMaxAgeMinutes { get; init; } = 20;

    /// <summary>Every valid SpO2 in the window must be above this (Aldrete: &gt; 92%).</summary>
    public double Spo2Above { get; init; } = 92;

    /// <summary>Length of the SpO2 window.</summary>
    public double Spo2Minutes { get; init; } = 10;

    /// <summary>Heart rate within this % of baseline; null when not required.</summary>
    public double? HrWithinPercentOfBaseline { get; init; } = 20;

    /// <summary>No active or latched alarm at or above this priority.</summary>
    public AlarmPriority NoAlarmAtOrAbove { get; init; } = AlarmPriority.Medium;

    /// <summary>Items the therapist must attest (e.g. <c>oriented-x3</c>, <c>steady-gait</c>).</summary>
    public IReadOnlyList<string> Attestations { get; init; } = [];
}

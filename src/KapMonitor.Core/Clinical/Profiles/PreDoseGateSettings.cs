namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>
/// Pre-dose gate (Spravato phase 3 trials withheld dosing above SBP 140 (150 if over 65)
/// or DBP 90). Limits are exclusive: SBP 140 passes, 141 holds.
/// </summary>
public sealed record PreDoseGateSettings
{
    /// <summary>A baseline older than this no longer opens the gate (ours: 30 min).</summary>
    public double BaselineWindowMinutes { get; init; } = 30;

    /// <summary>Systolic above this holds dosing.</summary>
    public double MaxSystolic { get; init; } = 140;

    /// <summary>Systolic limit for patients older than <see cref="OlderAdultAgeAbove"/>.</summary>
    public double MaxSystolicOlderAdult { get; init; } = 150;

    /// <summary>Age in years above which <see cref="MaxSystolicOlderAdult"/> applies.</summary>
    public int OlderAdultAgeAbove { get; init; } = 65;

    /// <summary>Diastolic above this holds dosing.</summary>
    public double MaxDiastolic { get; init; } = 90;

    /// <summary>Whether a valid SpO2 within the window is required.</summary>
    public bool RequireSpo2 { get; init; } = true;

    /// <summary>SpO2 below this holds dosing (ours: 94).</summary>
    public double MinSpo2 { get; init; } = 94;
}

namespace KapMonitor.Core.Clinical.Engine;

/// <summary>Pre-dose gate states.</summary>
public enum GateState : byte
{
    /// <summary>No valid baseline within the window yet.</summary>
    AwaitingBaseline = 0,
    /// <summary>Baseline within the limits: dosing may proceed.</summary>
    Clear = 1,
    /// <summary>Baseline above the limits: dosing held until a prescriber overrides.</summary>
    Held = 2,
    /// <summary>Held, then overridden by a prescriber with a reason.</summary>
    Overridden = 3,
    /// <summary>Dose given; the gate no longer applies.</summary>
    Closed = 4,
}

namespace KapMonitor.Core.Clinical.Engine;

/// <summary>Why a BP measurement is due.</summary>
public enum MeasurementKind : byte
{
    /// <summary>Pre-dose baseline (or a baseline expired).</summary>
    Baseline = 0,
    /// <summary>A fixed mandatory reading (e.g. REMS 40 min).</summary>
    Fixed = 1,
    /// <summary>A periodic reading.</summary>
    Periodic = 2,
    /// <summary>Repeat to confirm a violating reading.</summary>
    Repeat = 3,
    /// <summary>A fresh reading is needed before discharge.</summary>
    PreDischarge = 4,
}

namespace KapMonitor.Core.Observations;

/// <summary>
/// Whether a value may be used clinically. Only <see cref="Valid"/> values drive physiological alarms
/// or discharge criteria; the reason for anything else is in <see cref="ObservationFlags"/>.
/// </summary>
public enum Validity : byte
{
    /// <summary>A measured value the device stands behind.</summary>
    Valid = 0,
    /// <summary>A number exists but the device flags it (artifact, low perfusion, early estimate, cuff inflating on the same arm...).</summary>
    Questionable = 1,
    /// <summary>No usable number (probe off, sensor disconnected, NaN/NRes/±INF, "---", NIBP error). <see cref="Observation.Value"/> is NaN.</summary>
    Invalid = 2,
}

namespace KapMonitor.Core.Observations;

/// <summary>
/// A vital-sign quantity KapMonitor understands. Units and codes travel with the kind through
/// <see cref="MetricCatalog"/>; the wire name (<c>spo2</c>, <c>systolic</c>...) is <see cref="MetricInfo.Name"/>.
/// </summary>
public enum Metric : byte
{
    /// <summary>Not a metric; the default value of the enum.</summary>
    None = 0,
    /// <summary>Functional oxygen saturation from a pulse oximeter, %.</summary>
    Spo2,
    /// <summary>Pulse rate measured by a pulse oximeter, /min.</summary>
    PulseRate,
    /// <summary>Heart/pulse rate measured by an NIBP cuff or a heart-rate sensor, /min.</summary>
    HeartRate,
    /// <summary>Non-invasive systolic blood pressure, mm[Hg].</summary>
    Systolic,
    /// <summary>Non-invasive diastolic blood pressure, mm[Hg].</summary>
    Diastolic,
    /// <summary>Non-invasive mean arterial pressure, mm[Hg].</summary>
    MeanArterial,
    /// <summary>Perfusion index / pulse amplitude index, %.</summary>
    PerfusionIndex,
    /// <summary>Instantaneous cuff pressure during an NIBP cycle, mm[Hg].</summary>
    CuffPressure,
    /// <summary>Respiratory rate, /min.</summary>
    RespiratoryRate,
    /// <summary>Plethysmogram sample, device units (waveform, not a vital sign).</summary>
    Pleth,
}

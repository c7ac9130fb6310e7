namespace KapMonitor.Simulators.Behaviour;

/// <summary>What a simulated oximeter displays at one instant. Null numbers mean "no data" (dashes, sentinels).</summary>
/// <param name="Spo2">SpO2 %, or null.</param>
/// <param name="PulseRate">Pulse rate /min, or null.</param>
/// <param name="PerfusionIndex">Perfusion index %, or null.</param>
/// <param name="Status">Technical state.</param>
public readonly record struct OximeterReading(int? Spo2, int? PulseRate, double? PerfusionIndex, OximeterStatus Status)
{
    /// <summary>True when there are numbers to show.</summary>
    public bool HasValues => Spo2 is not null && PulseRate is not null;
}

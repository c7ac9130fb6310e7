using KapMonitor.Simulators.Behaviour;

namespace KapMonitor.Simulators.Devices;

/// <summary>
/// Advances a pleth waveform frame by frame at the current pulse rate. Disabled, it returns a flat
/// mid-scale value: large fleets of simulated devices skip the waveform work.
/// </summary>
/// <param name="enabled">Whether to produce a waveform.</param>
public struct PlethGenerator(bool enabled)
{
    private double _phase;

    /// <summary>True when the last <see cref="Next"/> crossed into a new beat.</summary>
    public bool Beat { get; private set; }

    /// <summary>Next sample at <paramref name="sampleRate"/> samples/s for <paramref name="reading"/>.</summary>
    public byte Next(in OximeterReading reading, double sampleRate)
    {
        if (!reading.HasValues)
        {
            Beat = false;
            return 0;
        }

        _phase += reading.PulseRate!.Value / 60.0 / sampleRate;
        Beat = _phase >= 1;
        if (Beat)
        {
            _phase -= Math.Floor(_phase);
        }

        return enabled ? OximeterModel.Pleth(_phase) : (byte)0x80;
    }
}

using KapMonitor.Simulators.Physiology;

namespace KapMonitor.Simulators.Behaviour;

/// <summary>
/// One oscillometric cycle as a pure function of time: inflate above systolic, deflate through the
/// oscillations, dump. A normal cycle lasts about 20-45 s; faults drag it out or cut it short
/// (docs/simulators.md). Rates are ours, chosen to land in those bounds.
/// </summary>
public sealed class NibpCycle
{
    private const double DumpRate = 40;   // mmHg/s, valve open
    private readonly double _target;
    private readonly double _inflateRate;
    private readonly double _deflateRate;
    private readonly double _floor;
    private readonly TimeSpan _inflateEnd;
    private readonly TimeSpan _deflateEnd;
    private readonly double _jitter;

    /// <summary>Starts a cycle at <paramref name="start"/> measuring <paramref name="patient"/>.</summary>
    /// <param name="start">Cycle start, from session start.</param>
    /// <param name="patient">The patient's vitals at the start.</param>
    /// <param name="fault">Fault to play out, or <see cref="NibpFault.None"/>.</param>
    /// <param name="seed">Seed for the measurement error (a cuff is not a perfect instrument).</param>
    public NibpCycle(TimeSpan start, PatientState patient, NibpFault fault, ulong seed)
    {
        Start = start;
        Fault = fault;
        var index = start.Ticks / TimeSpan.TicksPerSecond;
        var errorSys = (SimRandom.Hash(seed, index) - 0.5) * 6;
        var errorDia = (SimRandom.Hash(seed, index + 7) - 0.5) * 4;
        var systolic = (int)Math.Round(patient.Systolic + errorSys);
        var diastolic = (int)Math.Round(patient.Diastolic + errorDia);

        _target = Math.Min(280, systolic + 30 + Math.Round(SimRandom.Hash(seed, index + 13) * 10));
        _inflateRate = 18;
        _deflateRate = 5;
        _floor = Math.Max(20, diastolic - 15);
        var hold = TimeSpan.FromSeconds(1);
        switch (fault)
        {
            case NibpFault.Motion:
                // Motion corrupts the oscillations; the module deflates slowly, retrying, then gives up.
                _deflateRate = 2;
                _jitter = 6;
                break;
            case NibpFault.LooseCuff:
                // A leak: in 40 s the pump never gets the cuff near systolic.
                _inflateRate = 1.5;
                _target = 60;
                hold = TimeSpan.Zero;
                break;
            case NibpFault.Timeout:
                _deflateRate = 0.5;
                break;
            case NibpFault.Overpressure:
                _inflateRate = 30;
                _target = 300;
                hold = TimeSpan.Zero;
                break;
        }

        _inflateEnd = TimeSpan.FromSeconds(_target / _inflateRate) + hold;
        _deflateEnd = fault switch
        {
            NibpFault.LooseCuff or NibpFault.Overpressure => _inflateEnd,
            _ => _inflateEnd + TimeSpan.FromSeconds(Math.Max(0, _target - _floor) / _deflateRate),
        };
        if (fault == NibpFault.Timeout)
        {
            // The module's own time limit (ours: 120 s, under the ~180 s maximum).
            _deflateEnd = TimeSpan.FromTicks(Math.Min(_deflateEnd.Ticks, TimeSpan.FromSeconds(120).Ticks));
        }

        Duration = _deflateEnd + TimeSpan.FromSeconds(PressureAt(_deflateEnd) / DumpRate);
        var duringDeflation = (_deflateEnd - _inflateEnd).TotalMinutes;
        Result = fault == NibpFault.None
            ? new NibpResult(systolic, diastolic, diastolic + (int)Math.Round((systolic - diastolic) / 3.0), (int)Math.Round(patient.HeartRate), (int)Math.Round(patient.HeartRate * duringDeflation), NibpFault.None)
            : new NibpResult(0, 0, 0, 0, (int)Math.Round(patient.HeartRate * duringDeflation / 3), fault);
    }

    /// <summary>When the cycle started, from session start.</summary>
    public TimeSpan Start { get; }

    /// <summary>How long the cycle takes, start to cuff empty.</summary>
    public TimeSpan Duration { get; }

    /// <summary>When the result is available.</summary>
    public TimeSpan End => Start + Duration;

    /// <summary>The fault played out.</summary>
    public NibpFault Fault { get; }

    /// <summary>The result, valid once <see cref="IsComplete"/>.</summary>
    public NibpResult Result { get; }

    /// <summary>True once the cuff has emptied and the result is final.</summary>
    public bool IsComplete(TimeSpan t) => t >= End;

    /// <summary>Cuff pressure (mmHg) at <paramref name="t"/> (session time).</summary>
    public double CuffPressure(TimeSpan t) => PressureAt(t - Start);

    private double PressureAt(TimeSpan into)
    {
        if (into <= TimeSpan.Zero)
        {
            return 0;
        }

        var s = into.TotalSeconds;
        if (into < _inflateEnd)
        {
            return Math.Min(_target, s * _inflateRate);
        }

        if (into < _deflateEnd)
        {
            var p = _target - ((s - _inflateEnd.TotalSeconds) * _deflateRate);
            return Math.Max(0, p + (_jitter * Math.Sin(s * 5.3)));
        }

        var last = Math.Max(0, _target - ((_deflateEnd - _inflateEnd).TotalSeconds * _deflateRate));
        return Math.Max(0, last - ((s - _deflateEnd.TotalSeconds) * DumpRate));
    }
}

using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Common;

/// <summary>
/// One place that decides <see cref="Validity"/> from device flags and plausible ranges, so every
/// decoder classifies alike (docs/devices.md, "How readings are classified": values taken during technical
/// states are questionable and must not drive alarms as numbers).
/// </summary>
public static class ReadingRules
{
    /// <summary>Flags after which there is no usable number at all.</summary>
    public const ObservationFlags InvalidatingFlags =
        ObservationFlags.ProbeOff | ObservationFlags.SensorDisconnected | ObservationFlags.SensorFault |
        ObservationFlags.NibpError | ObservationFlags.NotANumber | ObservationFlags.NotAtResolution |
        ObservationFlags.PositiveInfinity | ObservationFlags.NegativeInfinity | ObservationFlags.OutOfRange;

    /// <summary>Flags that leave a number the device does not fully stand behind.</summary>
    public const ObservationFlags QuestionableFlags =
        ObservationFlags.Artifact | ObservationFlags.LowPerfusion | ObservationFlags.MarginalPerfusion |
        ObservationFlags.OutOfTrack | ObservationFlags.Searching | ObservationFlags.PoorSignal |
        ObservationFlags.Interference | ObservationFlags.EarlyEstimate | ObservationFlags.CuffInflating |
        ObservationFlags.BodyMovement | ObservationFlags.CuffLoose | ObservationFlags.ImproperPosition |
        ObservationFlags.PulseRateOutOfRange;

    /// <summary>Inclusive range a device can plausibly report for <paramref name="metric"/>.</summary>
    public static (double Min, double Max) PlausibleRange(Metric metric) => metric switch
    {
        // An oximeter that outputs 0 % or 0 /min has no reading (Contec "all zero", Masimo "000").
        Metric.Spo2 => (1, 100),
        Metric.PulseRate or Metric.HeartRate => (1, 350),
        Metric.Systolic or Metric.Diastolic or Metric.MeanArterial => (1, 300),
        Metric.CuffPressure => (0, 400),
        Metric.PerfusionIndex => (0, 100),
        Metric.RespiratoryRate => (0, 150),
        _ => (double.MinValue, double.MaxValue),
    };

    /// <summary>
    /// Builds an observation: a value outside <see cref="PlausibleRange"/> gains
    /// <see cref="ObservationFlags.OutOfRange"/>; invalidating flags make it <see cref="Validity.Invalid"/>
    /// with a NaN value; questionable flags make it <see cref="Validity.Questionable"/>.
    /// </summary>
    public static Observation Create(
        string deviceId, Metric metric, double value, ObservationFlags flags, DateTimeOffset receivedAt, DateTimeOffset? deviceTime = null)
    {
        if (double.IsNaN(value))
        {
            flags |= ObservationFlags.NotANumber;
        }
        else
        {
            var (min, max) = PlausibleRange(metric);
            if (!(value >= min && value <= max))
            {
                flags |= ObservationFlags.OutOfRange;
            }
        }

        if ((flags & InvalidatingFlags) != 0)
        {
            return new Observation(deviceId, metric, double.NaN, Validity.Invalid, flags, receivedAt, deviceTime);
        }

        var validity = (flags & QuestionableFlags) != 0 ? Validity.Questionable : Validity.Valid;
        return new Observation(deviceId, metric, value, validity, flags, receivedAt, deviceTime);
    }
}

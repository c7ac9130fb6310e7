namespace KapMonitor.Simulators.Physiology;

/// <summary>
/// The patient over a session: a pure, deterministic function of time for a given patient, dose and
/// seed. <see cref="Sample"/> may be called in any order, any number of times.
/// </summary>
public sealed class PhysiologyModel
{
    // White-coat arrival excess settles with this time constant (ours; "settles" over ~30 min).
    private static readonly TimeSpan s_whiteCoatSettling = TimeSpan.FromMinutes(12);
    private static readonly TimeSpan s_desaturationRamp = TimeSpan.FromSeconds(40);
    private readonly DesaturationEpisode[] _desaturations;
    private readonly ulong _noiseSeed;

    /// <summary>Creates the model.</summary>
    public PhysiologyModel(VirtualPatient patient, DoseSpec dose, ulong seed, IEnumerable<DesaturationEpisode>? desaturations = null)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(dose);
        Patient = patient;
        Dose = dose;
        _noiseSeed = seed ^ 0x5EED_0F_7A71E47UL;
        _desaturations = desaturations?.ToArray() ?? [];
    }

    /// <summary>The patient.</summary>
    public VirtualPatient Patient { get; }

    /// <summary>The dose.</summary>
    public DoseSpec Dose { get; }

    /// <summary>Drug effect fraction (0..1) at <paramref name="sinceStart"/>.</summary>
    public double EffectFraction(TimeSpan sinceStart) =>
        DrugResponse.Fraction(Dose.Route, sinceStart - Dose.DoseAt, Patient.RecoveryScale);

    /// <summary>Noise-free systolic/diastolic (baseline + white coat + drug) — what the noise wanders around.</summary>
    public (double Systolic, double Diastolic) MeanPressure(TimeSpan sinceStart)
    {
        var effect = EffectFraction(sinceStart);
        var whiteCoat = WhiteCoatFraction(sinceStart);
        return (
            Patient.BaselineSystolic + (Patient.PeakSystolicRise * effect) + (24 * whiteCoat),
            Patient.BaselineDiastolic + (Patient.PeakDiastolicRise * effect) + (10 * whiteCoat));
    }

    /// <summary>The patient's vitals at <paramref name="sinceStart"/>.</summary>
    public PatientState Sample(TimeSpan sinceStart)
    {
        var (meanSys, meanDia) = MeanPressure(sinceStart);
        var effect = EffectFraction(sinceStart);
        var whiteCoat = WhiteCoatFraction(sinceStart);
        var v = Patient.Variability;

        var pressureWander = SimRandom.SmoothNoise(_noiseSeed, sinceStart, TimeSpan.FromMinutes(2));
        var systolic = meanSys + (v * pressureWander);
        var diastolic = meanDia + (0.6 * v * pressureWander) + (1.5 * SimRandom.SmoothNoise(_noiseSeed + 1, sinceStart, TimeSpan.FromMinutes(3)));
        var heartRate = Patient.BaselineHeartRate + (Patient.PeakHeartRateRise * effect) + (8 * whiteCoat)
            + (2.5 * SimRandom.SmoothNoise(_noiseSeed + 2, sinceStart, TimeSpan.FromSeconds(30)));
        var spo2 = Patient.BaselineSpo2 - (0.8 * effect)
            + (0.4 * SimRandom.SmoothNoise(_noiseSeed + 3, sinceStart, TimeSpan.FromSeconds(20)))
            - DesaturationDepth(sinceStart);
        var pi = Patient.BaselinePerfusionIndex * (1 + (0.15 * SimRandom.SmoothNoise(_noiseSeed + 4, sinceStart, TimeSpan.FromSeconds(45))));
        var respiratory = 14 + (1.5 * SimRandom.SmoothNoise(_noiseSeed + 5, sinceStart, TimeSpan.FromMinutes(1)));

        systolic = Math.Clamp(systolic, 60, 260);
        diastolic = Math.Clamp(diastolic, 30, Math.Min(160, systolic - 15));
        return new PatientState(
            systolic,
            diastolic,
            diastolic + ((systolic - diastolic) / 3),
            Math.Clamp(heartRate, 30, 220),
            Math.Clamp(spo2, 50, 100),
            Math.Clamp(pi, 0.05, 20),
            Math.Clamp(respiratory, 6, 40));
    }

    private double WhiteCoatFraction(TimeSpan sinceStart) =>
        Patient.WhiteCoat ? Math.Exp(-Math.Max(0, sinceStart.Ticks) / (double)s_whiteCoatSettling.Ticks) : 0;

    private double DesaturationDepth(TimeSpan sinceStart)
    {
        var depth = 0.0;
        foreach (var episode in _desaturations)
        {
            var into = sinceStart - episode.At;
            if (into <= TimeSpan.Zero || into >= episode.Duration)
            {
                continue;
            }

            var ramp = TimeSpan.FromTicks(Math.Min(s_desaturationRamp.Ticks, episode.Duration.Ticks / 3));
            var left = episode.Duration - into;
            var shape = Math.Min(1, Math.Min(into / ramp, left / ramp));
            depth = Math.Max(depth, Math.Max(0, Patient.BaselineSpo2 - episode.Nadir) * shape);
        }

        return depth;
    }
}

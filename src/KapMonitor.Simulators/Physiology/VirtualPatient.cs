namespace KapMonitor.Simulators.Physiology;

/// <summary>A fully resolved patient: every number the model needs, drawn once from a seed.</summary>
public sealed record VirtualPatient
{
    /// <summary>Age in years.</summary>
    public required int Age { get; init; }

    /// <summary>Resting systolic, mmHg.</summary>
    public required double BaselineSystolic { get; init; }

    /// <summary>Resting diastolic, mmHg.</summary>
    public required double BaselineDiastolic { get; init; }

    /// <summary>Resting heart rate, /min.</summary>
    public required double BaselineHeartRate { get; init; }

    /// <summary>Resting SpO2, %.</summary>
    public required double BaselineSpo2 { get; init; }

    /// <summary>Resting perfusion index, %.</summary>
    public required double BaselinePerfusionIndex { get; init; }

    /// <summary>Standard deviation of the slow BP wander, mmHg.</summary>
    public required double Variability { get; init; }

    /// <summary>Known hypertension.</summary>
    public required bool Hypertensive { get; init; }

    /// <summary>White-coat effect at arrival.</summary>
    public required bool WhiteCoat { get; init; }

    /// <summary>Hypertensive responder.</summary>
    public required bool Responder { get; init; }

    /// <summary>This patient's systolic rise at the peak, mmHg.</summary>
    public required double PeakSystolicRise { get; init; }

    /// <summary>This patient's diastolic rise at the peak, mmHg.</summary>
    public required double PeakDiastolicRise { get; init; }

    /// <summary>This patient's heart-rate rise at the peak, /min.</summary>
    public required double PeakHeartRateRise { get; init; }

    /// <summary>Stretch of the falling limb of the response (1 = typical).</summary>
    public required double RecoveryScale { get; init; }

    /// <summary>
    /// Draws a patient for <paramref name="route"/> from <paramref name="seed"/>, keeping every field
    /// <paramref name="spec"/> pins. The draw order is fixed so a seed always gives the same patient.
    /// </summary>
    public static VirtualPatient Create(PatientSpec spec, DoseRoute route, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var random = new SimRandom(seed);

        // Draw everything unconditionally (then apply overrides) so pinning one field does not shift the others.
        var age = (int)Math.Round(random.Range(24, 72));
        var hypertensiveDraw = random.Chance(0.22);
        var whiteCoatDraw = random.Chance(0.10);
        var sysNoise = random.NextGaussian();
        var diaNoise = random.NextGaussian();
        var hrNoise = random.NextGaussian();
        var spo2Draw = random.Range(96.5, 99.2);
        var piDraw = random.Range(1.5, 6.0);
        var variabilityDraw = random.Range(3.0, 5.5);
        var responderRoll = random.NextDouble();
        var responseFactor = Math.Clamp(1 + (0.3 * random.NextGaussian()), 0.4, 1.8);
        var surgeSys = random.Range(40, 58);
        var surgeDia = random.Range(25, 34);
        var surgeHr = random.Range(10, 20);

        age = spec.Age ?? age;
        var hypertensive = spec.Hypertensive ?? hypertensiveDraw;
        var whiteCoat = spec.WhiteCoat ?? whiteCoatDraw;
        var systolic = spec.BaselineSystolic ?? (hypertensive ? 138 : 118) + (0.25 * (age - 45)) + (8 * sysNoise);
        var diastolic = spec.BaselineDiastolic ?? (hypertensive ? 86 : 76) + (5 * diaNoise);
        var heartRate = spec.BaselineHeartRate ?? 72 + (9 * hrNoise);

        // Older age and known hypertension predict surges (docs/simulators.md).
        var probability = spec.ResponderProbability ?? DefaultProbabilityFor(route, age, hypertensive);
        var responder = spec.Responder ?? (route != DoseRoute.None && responderRoll < probability);

        var typical = DrugResponse.TypicalRise(route);
        var scale = spec.ResponseScale ?? 1.0;
        var (riseSys, riseDia, riseHr) = responder
            ? (surgeSys, surgeDia, surgeHr)
            : (typical.Systolic * responseFactor, typical.Diastolic * responseFactor, typical.HeartRate * responseFactor);

        return new VirtualPatient
        {
            Age = age,
            BaselineSystolic = Math.Clamp(systolic, 85, 200),
            BaselineDiastolic = Math.Clamp(diastolic, 45, 120),
            BaselineHeartRate = Math.Clamp(heartRate, 45, 110),
            BaselineSpo2 = Math.Clamp(spec.BaselineSpo2 ?? spo2Draw, 85, 100),
            BaselinePerfusionIndex = piDraw,
            Variability = spec.Variability ?? variabilityDraw,
            Hypertensive = hypertensive,
            WhiteCoat = whiteCoat,
            Responder = responder,
            PeakSystolicRise = riseSys * scale,
            PeakDiastolicRise = riseDia * scale,
            PeakHeartRateRise = riseHr * scale,
            RecoveryScale = spec.RecoveryScale ?? 1.0,
        };
    }

    private static double DefaultProbabilityFor(DoseRoute route, int age, bool hypertensive)
    {
        var p = DrugResponse.DefaultResponderProbability(route);
        if (hypertensive)
        {
            p *= 1.5;
        }

        if (age > 65)
        {
            p *= 1.4;
        }

        return Math.Min(p, 1);
    }
}

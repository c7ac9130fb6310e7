namespace KapMonitor.Simulators.Physiology;

/// <summary>
/// What a scenario says about its patient. Null fields are drawn from the seeded population
/// (<see cref="VirtualPatient.Create"/>), so a scenario pins only what its story needs.
/// </summary>
public sealed record PatientSpec
{
    /// <summary>Age in years.</summary>
    public int? Age { get; init; }

    /// <summary>Resting systolic pressure, mmHg (before any white-coat effect).</summary>
    public double? BaselineSystolic { get; init; }

    /// <summary>Resting diastolic pressure, mmHg.</summary>
    public double? BaselineDiastolic { get; init; }

    /// <summary>Resting heart rate, /min.</summary>
    public double? BaselineHeartRate { get; init; }

    /// <summary>Resting SpO2, %.</summary>
    public double? BaselineSpo2 { get; init; }

    /// <summary>Standard deviation of the slow BP wander, mmHg.</summary>
    public double? Variability { get; init; }

    /// <summary>Known hypertension (raises baseline and the chance of a surge).</summary>
    public bool? Hypertensive { get; init; }

    /// <summary>White-coat effect: raised pressure at arrival that settles over about 30 min.</summary>
    public bool? WhiteCoat { get; init; }

    /// <summary>Hypertensive responder (rise of >= 40 systolic or >= 25 diastolic); null = drawn with the route's probability.</summary>
    public bool? Responder { get; init; }

    /// <summary>Overrides the route's responder probability when <see cref="Responder"/> is null.</summary>
    public double? ResponderProbability { get; init; }

    /// <summary>Multiplies the drug's pressure response (1 = typical); 2-3 makes a slow recovery.</summary>
    public double? ResponseScale { get; init; }

    /// <summary>Multiplies how long the response lasts (1 = typical); above 1 stretches the tail.</summary>
    public double? RecoveryScale { get; init; }
}

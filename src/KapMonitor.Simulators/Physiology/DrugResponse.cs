namespace KapMonitor.Simulators.Physiology;

/// <summary>
/// Time course and typical size of the pressor response by route. Numbers come from the Spravato
/// label, the Yale IV study and Rolan 2014; where they give none (sublingual size, HR rise) the value is ours
/// and marked so.
/// </summary>
public static class DrugResponse
{
    /// <summary>Typical (mean) rise at the peak: systolic, diastolic mmHg and heart rate /min.</summary>
    public static (double Systolic, double Diastolic, double HeartRate) TypicalRise(DoseRoute route) => route switch
    {
        // Yale IV study: +16/+11 at 40 min from infusion start.
        DoseRoute.IntravenousInfusion => (16, 11, 9),
        // Esketamine label: +7..9 / +4..6.
        DoseRoute.IntranasalEsketamine => (8, 5, 6),
        // Ours: about 30% bioavailable sublingually, between the two.
        DoseRoute.SublingualLozenge => (10, 6, 7),
        _ => (0, 0, 0),
    };

    /// <summary>Default probability of a hypertensive responder (>= +40 systolic or >= +25 diastolic).</summary>
    public static double DefaultResponderProbability(DoseRoute route) => route switch
    {
        // 8-19% of esketamine patients; the population mix (age, hypertension) raises this base to ~13%.
        DoseRoute.IntranasalEsketamine => 0.105,
        // Severe hypertension ~1% of IV sessions; a >= 40 rise is more common (ours).
        DoseRoute.IntravenousInfusion => 0.06,
        DoseRoute.SublingualLozenge => 0.05,
        _ => 0,
    };

    /// <summary>Time from dose to peak effect.</summary>
    public static TimeSpan PeakTime(DoseRoute route) => route switch
    {
        DoseRoute.SublingualLozenge => TimeSpan.FromMinutes(45),
        DoseRoute.IntranasalEsketamine => TimeSpan.FromMinutes(40),
        DoseRoute.IntravenousInfusion => TimeSpan.FromMinutes(40),
        _ => TimeSpan.Zero,
    };

    /// <summary>
    /// Fraction of the peak response (0..1, exactly 1 at the peak) at <paramref name="sinceDose"/>.
    /// A gamma-variate shape x^k·e^(k(1-x)) rises smoothly from zero and leaves a tail; sublingual
    /// absorption adds a lag (onset 10-20 min).
    /// </summary>
    /// <param name="route">Route.</param>
    /// <param name="sinceDose">Time since the dose (IV: since infusion start).</param>
    /// <param name="recoveryScale">Stretches the decay after the peak (1 = typical).</param>
    public static double Fraction(DoseRoute route, TimeSpan sinceDose, double recoveryScale = 1.0)
    {
        if (route == DoseRoute.None || sinceDose <= TimeSpan.Zero)
        {
            return 0;
        }

        var (lagMinutes, k) = route switch
        {
            DoseRoute.SublingualLozenge => (12.0, 2.5),
            DoseRoute.IntranasalEsketamine => (0.0, 3.5),
            _ => (0.0, 3.5),
        };

        var minutes = sinceDose.TotalMinutes - lagMinutes;
        if (minutes <= 0)
        {
            return 0;
        }

        var peak = PeakTime(route).TotalMinutes - lagMinutes;
        var x = minutes / peak;
        if (x > 1)
        {
            // Stretch only the falling limb so the peak time stays where the literature puts it.
            x = 1 + ((x - 1) / Math.Max(0.1, recoveryScale));
        }

        return Math.Pow(x, k) * Math.Exp(k * (1 - x));
    }
}

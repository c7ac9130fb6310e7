namespace KapMonitor.Simulators.Physiology;

/// <summary>How the ketamine is given; each route has its own time course (Rolan 2014; Spravato label; Yale IV study).</summary>
public enum DoseRoute : byte
{
    /// <summary>No dose (baseline-only sessions).</summary>
    None = 0,
    /// <summary>KAP sublingual lozenge: onset 10-20 min, peak about 45 min, fades over 1-2 h.</summary>
    SublingualLozenge,
    /// <summary>Intranasal esketamine: peak about 40 min, mean +7..9 / +4..6 mmHg.</summary>
    IntranasalEsketamine,
    /// <summary>IV racemic infusion: mean +16 / +11 mmHg at 40 min from infusion start, back by about 90 min.</summary>
    IntravenousInfusion,
}

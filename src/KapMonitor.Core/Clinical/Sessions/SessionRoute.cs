namespace KapMonitor.Core.Clinical.Sessions;

/// <summary>How the ketamine is given; each route has its own starting-point protocol profile.</summary>
public enum SessionRoute : byte
{
    /// <summary>KAP: self-administered sublingual racemic ketamine lozenge.</summary>
    SublingualLozenge = 0,
    /// <summary>Esketamine (Spravato) nasal spray under the REMS.</summary>
    IntranasalEsketamine = 1,
    /// <summary>Racemic ketamine by intravenous infusion.</summary>
    IvInfusion = 2,
}

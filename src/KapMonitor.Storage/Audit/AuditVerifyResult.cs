namespace KapMonitor.Storage;

/// <summary>Outcome of <see cref="AuditVerifier.Verify"/>.</summary>
/// <param name="Rooms">Rooms whose chain was checked.</param>
/// <param name="Records">Clinical records checked.</param>
/// <param name="Breaks">The first broken link of each broken room, by room id.</param>
public sealed record AuditVerifyResult(int Rooms, long Records, IReadOnlyList<AuditBreak> Breaks)
{
    /// <summary>True when every chain verifies.</summary>
    public bool IsIntact => Breaks.Count == 0;

    /// <summary>The first broken link (lowest room id, then lowest seq), or null.</summary>
    public AuditBreak? FirstBreak => Breaks.Count > 0 ? Breaks[0] : null;
}

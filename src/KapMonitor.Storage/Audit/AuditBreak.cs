namespace KapMonitor.Storage;

/// <summary>The first broken link found in one room's chain.</summary>
/// <param name="Room">Room id.</param>
/// <param name="Seq">Sequence number of the first record that does not verify.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Detail">Human-readable explanation for the auditor.</param>
public sealed record AuditBreak(string Room, long Seq, AuditBreakKind Kind, string Detail)
{
    /// <inheritdoc/>
    public override string ToString() => $"room {Room} seq {Seq}: {Kind.ToString().ToUpperInvariant()}: {Detail}";
}

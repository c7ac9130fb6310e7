namespace KapMonitor.Storage;

/// <summary>
/// A clinical record (alarm transition, session event, gate/dose, acknowledgement, attestation, discharge,
/// protocol version, user action): an opaque JSON payload chained into the room's audit hash chain.
/// </summary>
/// <param name="Room">Room id.</param>
/// <param name="Seq">Sequence number, unique and increasing per room across every record type.</param>
/// <param name="Kind">Record kind chosen by the host (e.g. <c>alarm</c>, <c>session-start</c>).</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="SessionId">Session it belongs to, or null.</param>
/// <param name="PayloadJson">The serialized record, stored and hashed byte for byte.</param>
/// <param name="PrevHash">Hash of the room's previous clinical record (or the room's genesis hash).</param>
/// <param name="Hash">SHA-256 of this record chained to <paramref name="PrevHash"/>; see <see cref="AuditHash"/>.</param>
public sealed record ClinicalRecord(
    string Room,
    long Seq,
    string Kind,
    DateTimeOffset At,
    string? SessionId,
    string PayloadJson,
    ReadOnlyMemory<byte> PrevHash,
    ReadOnlyMemory<byte> Hash)
{
    /// <summary>Lower-case hex of <see cref="Hash"/>, as shown to auditors.</summary>
    public string HashHex => Convert.ToHexStringLower(Hash.Span);
}

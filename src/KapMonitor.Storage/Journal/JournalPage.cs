namespace KapMonitor.Storage;

/// <summary>
/// Records of one room after a sequence number, read in one snapshot: every record with
/// <c>afterSeq &lt; seq &lt;= UpToSeq</c> of the requested kinds is in it, so a reader may move its cursor
/// to <see cref="UpToSeq"/> once it has handled them.
/// </summary>
/// <param name="Room">Room id.</param>
/// <param name="Observations">Observations, in seq order.</param>
/// <param name="StatusEvents">Status events, in seq order.</param>
/// <param name="ClinicalRecords">Clinical records, in seq order.</param>
/// <param name="UpToSeq">Highest seq covered (equal to the requested after-seq when nothing is new).</param>
public sealed record JournalPage(
    string Room,
    IReadOnlyList<JournaledObservation> Observations,
    IReadOnlyList<JournaledStatusEvent> StatusEvents,
    IReadOnlyList<ClinicalRecord> ClinicalRecords,
    long UpToSeq)
{
    /// <summary>Number of records in the page.</summary>
    public int Count => Observations.Count + StatusEvents.Count + ClinicalRecords.Count;
}

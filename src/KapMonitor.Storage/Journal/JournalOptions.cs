namespace KapMonitor.Storage;

/// <summary>Settings of the local journal.</summary>
public sealed class JournalOptions
{
    /// <summary>Path of the SQLite database file (created when missing).</summary>
    public string Path { get; set; } = "kapmon-journal.db";

    /// <summary>
    /// Longest time an observation or status event waits before its group commit. Bounds what a power cut
    /// can lose of observations; clinical records never wait for it.
    /// </summary>
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Most writes committed in one transaction; a full batch commits without waiting for the window.</summary>
    public int MaxBatchSize { get; set; } = 8192;

    /// <summary>
    /// Records per room kept in memory after their commit, so that readers following the live edge (store-and-forward)
    /// read them without going back to SQLite; 0 turns this off. Default 16,384 (a few MB per room).
    /// </summary>
    public int RecentRecordsPerRoom { get; set; } = 16384;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("Journal path must be set (e.g. /var/lib/kapmon/journal.db).", nameof(Path));
        }

        if (GroupCommitWindow < TimeSpan.Zero || GroupCommitWindow > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(GroupCommitWindow), GroupCommitWindow, "Group commit window must be between 0 and 10 s.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(RecentRecordsPerRoom, nameof(RecentRecordsPerRoom));
    }
}

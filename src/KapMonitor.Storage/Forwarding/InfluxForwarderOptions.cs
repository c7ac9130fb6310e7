namespace KapMonitor.Storage;

/// <summary>Settings of the InfluxDB store-and-forward loop.</summary>
public sealed class InfluxForwarderOptions
{
    /// <summary>Name of the persistent journal cursor. Default <c>influx</c>.</summary>
    public string CursorName { get; set; } = "influx";

    /// <summary>Most records of each kind read per room per batch. Default 5000.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>Wait between passes once caught up. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Records committed to the journal since the last pass that start the next one before <see cref="PollInterval"/>
    /// is up, so a burst is forwarded from the journal's in-memory window of recent commits instead of being read
    /// back from SQLite. Default 4,096 (at a room's usual few readings a second the poll comes first).
    /// </summary>
    public int EagerRecords { get; set; } = 4096;

    /// <summary>First wait after a failed pass; doubles up to <see cref="MaxRetryDelay"/>. Default 2 s.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between failed passes. Default 60 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Also forward device status events (measurement <c>device_status</c>). Default true.</summary>
    public bool ForwardStatusEvents { get; set; } = true;

    /// <summary>Also forward clinical records (measurement <c>clinical</c>). Default true.</summary>
    public bool ForwardClinicalRecords { get; set; } = true;

    /// <summary>
    /// Keep forwarded observations and status events this long, then delete them from the journal. Null keeps
    /// everything. Unforwarded data and clinical records are never deleted. Default 30 days.
    /// </summary>
    public TimeSpan? Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often retention runs. Default 1 h.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Unforwarded observations above which the buffer counts as filling. Default 500,000.</summary>
    public long BacklogAlarmCount { get; set; } = 500_000;

    /// <summary>Age of the oldest unforwarded observation above which the buffer counts as filling. Default 15 min.</summary>
    public TimeSpan BacklogAlarmAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the backlog is measured. Default 10 s.</summary>
    public TimeSpan BacklogCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(CursorName, nameof(CursorName));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(EagerRecords, 1, nameof(EagerRecords));
        if (PollInterval <= TimeSpan.Zero || InitialRetryDelay <= TimeSpan.Zero || MaxRetryDelay < InitialRetryDelay)
        {
            throw new ArgumentException("Influx forwarder: PollInterval and InitialRetryDelay must be positive and MaxRetryDelay at least InitialRetryDelay.");
        }

        if (Retention is { } r && r <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Retention), r, "Retention must be positive, or null to keep everything.");
        }
    }
}

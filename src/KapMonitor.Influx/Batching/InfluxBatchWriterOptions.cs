namespace KapMonitor.Influx;

/// <summary>Retry and splitting policy of an <see cref="InfluxBatchWriter"/>.</summary>
public sealed record InfluxBatchWriterOptions
{
    /// <summary>Upper bound of the first retry delay; each further retry doubles it (full jitter picks 0..bound). Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on the exponential bound. Default 60 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Cap on a server's <c>Retry-After</c>, so a bad header cannot stall the writer for hours. Default 5 min.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Requests per chunk (first try included) before a retryable failure is handed back as
    /// <see cref="BatchWriteStatus.Deferred"/>. Default 5. Use <see cref="int.MaxValue"/> to retry until cancelled.
    /// </summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>
    /// When set, batches are cut at line boundaries into requests of at most this many bytes before sending
    /// (a single longer line is still sent alone). Null sends the batch whole and relies on 413 splitting.
    /// </summary>
    public int? MaxRequestBytes { get; init; }

    /// <summary>
    /// When a multi-line chunk is rejected outright (400 without "partial write", as older 2.x servers do for one
    /// bad line), halve it and resend the halves to keep the good lines. Safe because rewriting a point with the
    /// same series and timestamp overwrites it. Default true.
    /// </summary>
    public bool IsolateRejectedLines { get; init; } = true;

    /// <summary>Lists invalid settings; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (InitialBackoff <= TimeSpan.Zero)
        {
            problems.Add($"InitialBackoff must be positive (found {InitialBackoff}).");
        }

        if (MaxBackoff < InitialBackoff)
        {
            problems.Add($"MaxBackoff must be at least InitialBackoff (found {MaxBackoff}).");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            problems.Add($"MaxRetryAfter must not be negative (found {MaxRetryAfter}).");
        }

        if (MaxAttempts < 1)
        {
            problems.Add($"MaxAttempts must be at least 1 (found {MaxAttempts}).");
        }

        if (MaxRequestBytes is < 1)
        {
            problems.Add($"MaxRequestBytes must be positive when set (found {MaxRequestBytes}).");
        }

        return problems;
    }
}

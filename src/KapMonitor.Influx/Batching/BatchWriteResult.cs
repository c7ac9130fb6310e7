namespace KapMonitor.Influx;

/// <summary>The result of writing one batch through an <see cref="InfluxBatchWriter"/>.</summary>
public sealed class BatchWriteResult
{
    /// <summary>Creates a result (public so callers can fake the writer in their own tests).</summary>
    public BatchWriteResult(
        BatchWriteStatus status,
        int totalLines,
        int storedLines,
        IReadOnlyList<RejectedLines> rejected,
        ReadOnlyMemory<byte> unsent,
        int unsentLines,
        WriteOutcome? lastFailure,
        int requests,
        IReadOnlyList<TimeSpan> retryDelays)
    {
        Status = status;
        TotalLines = totalLines;
        StoredLines = storedLines;
        Rejected = rejected;
        Unsent = unsent;
        UnsentLines = unsentLines;
        LastFailure = lastFailure;
        Requests = requests;
        RetryDelays = retryDelays;
    }

    /// <summary>What to do with the batch now.</summary>
    public BatchWriteStatus Status { get; }

    /// <summary>Non-empty lines in the batch.</summary>
    public int TotalLines { get; }

    /// <summary>Lines in requests answered with success (lines of partially written requests are not counted).</summary>
    public int StoredLines { get; }

    /// <summary>Requests the server refused permanently, in batch order. Do not resend them.</summary>
    public IReadOnlyList<RejectedLines> Rejected { get; }

    /// <summary>
    /// The tail of the batch not yet accepted (empty when <see cref="Status"/> is <see cref="BatchWriteStatus.Completed"/>).
    /// A slice of the caller's buffer.
    /// </summary>
    public ReadOnlyMemory<byte> Unsent { get; }

    /// <summary>Non-empty lines in <see cref="Unsent"/>.</summary>
    public int UnsentLines { get; }

    /// <summary>The outcome that stopped the batch (Deferred or Failed), or null.</summary>
    public WriteOutcome? LastFailure { get; }

    /// <summary>HTTP requests made.</summary>
    public int Requests { get; }

    /// <summary>Delays waited before retries, in order.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; }
}

namespace KapMonitor.Influx;

/// <summary>What the caller should do with a batch after <see cref="InfluxBatchWriter.WriteAsync"/>.</summary>
public enum BatchWriteStatus
{
    /// <summary>
    /// Every line was either stored or permanently refused (see <see cref="BatchWriteResult.Rejected"/>).
    /// The batch is done: drop it from the queue.
    /// </summary>
    Completed = 0,

    /// <summary>
    /// The server stayed unavailable after the allowed attempts. Lines before <see cref="BatchWriteResult.Unsent"/>
    /// are done; keep the unsent lines and try again later.
    /// </summary>
    Deferred,

    /// <summary>
    /// A configuration problem (credentials refused, database/bucket missing): nothing more can succeed until an
    /// operator fixes the setting named in <see cref="BatchWriteResult.LastFailure"/>. Keep the unsent lines.
    /// </summary>
    Failed,
}

namespace KapMonitor.Influx;

/// <summary>What a write response means for the lines that were sent (observed on InfluxDB 1.6.7; 2.x response-code docs).</summary>
public enum WriteOutcomeKind
{
    /// <summary>Every line was stored (HTTP 2xx).</summary>
    Success = 0,

    /// <summary>
    /// Some lines were stored and some dropped (1.x: 400 "partial write"; 2.x: 422; 3.x: 400 "partial write").
    /// Do not resend: the good lines are already stored and the bad ones fail again.
    /// </summary>
    PartialWrite,

    /// <summary>The server refused the data itself (400): resending the same lines fails again.</summary>
    Rejected,

    /// <summary>The body exceeds the server's limit (413): split the batch and send the halves.</summary>
    TooLarge,

    /// <summary>Credentials missing or refused (401/403): a configuration problem; nothing was stored.</summary>
    AuthFailed,

    /// <summary>The database, retention policy, bucket or API path does not exist (404): a configuration problem.</summary>
    NotFound,

    /// <summary>A transient failure (5xx, 408, 429, timeout, connection refused): send the same lines again later.</summary>
    Retryable,
}

using System.Globalization;

namespace KapMonitor.Influx;

/// <summary>The classified result of one write request.</summary>
public sealed class WriteOutcome
{
    /// <summary>Creates an outcome (public so callers can fake the client in their own tests).</summary>
    public WriteOutcome(
        WriteOutcomeKind kind,
        string message,
        int? statusCode = null,
        string? serverError = null,
        int? droppedCount = null,
        TimeSpan? retryAfter = null,
        Exception? exception = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Kind = kind;
        Message = message;
        StatusCode = statusCode;
        ServerError = serverError;
        DroppedCount = droppedCount;
        RetryAfter = retryAfter;
        Exception = exception;
    }

    /// <summary>The success outcome for a 204.</summary>
    public static WriteOutcome Success { get; } = new(WriteOutcomeKind.Success, "Written.", 204);

    /// <summary>What the response means.</summary>
    public WriteOutcomeKind Kind { get; }

    /// <summary>A sentence for operators: what happened and, for configuration problems, which setting to fix.</summary>
    public string Message { get; }

    /// <summary>HTTP status, or null when no response arrived (connection refused, timeout).</summary>
    public int? StatusCode { get; }

    /// <summary>The server's own error text (the <c>error</c> or <c>message</c> member of its JSON body).</summary>
    public string? ServerError { get; }

    /// <summary>
    /// Points the server says it dropped (<c>dropped=N</c> on 1.x, the number of line errors on 3.x), when stated.
    /// InfluxDB 1.x reports <c>dropped=0</c> for unparsable lines, which it also drops: treat this as a lower bound.
    /// </summary>
    public int? DroppedCount { get; }

    /// <summary>How long the server asked the client to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The transport exception behind a <see cref="WriteOutcomeKind.Retryable"/> outcome without a response.</summary>
    public Exception? Exception { get; }

    /// <summary>True when every line was stored.</summary>
    public bool IsSuccess => Kind == WriteOutcomeKind.Success;

    /// <summary>True when sending the same lines again later may succeed.</summary>
    public bool IsRetryable => Kind == WriteOutcomeKind.Retryable;

    /// <summary>Kind, status and message on one line.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind}{(StatusCode is int s ? $" (HTTP {s})" : "")}: {Message}");
}

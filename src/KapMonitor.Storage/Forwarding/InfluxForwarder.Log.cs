using Microsoft.Extensions.Logging;

namespace KapMonitor.Storage;

public sealed partial class InfluxForwarder
{
    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB forwarding stopped: {Reason} Data stay in the journal and are sent once the InfluxDB settings (URL, database, username/password) are fixed.")]
    private static partial void LogConfigurationProblem(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB unavailable ({Reason}); data stay in the journal and are retried with backoff.")]
    private static partial void LogOutage(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB forwarding resumed; {Points} points sent in the catching-up pass.")]
    private static partial void LogRecovered(ILogger logger, long points);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB answered {Kind} for a request of {Lines} line(s) of room {Room} seq {FirstSeq}..{LastSeq}; the refused points are skipped, not retried (they stay in the journal). {Reason}")]
    private static partial void LogSkipped(ILogger logger, KapMonitor.Influx.WriteOutcomeKind kind, int lines, string room, long firstSeq, long lastSeq, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Record {Room}/{Seq} cannot be written as line protocol and is skipped: {Reason}")]
    private static partial void LogUnformattable(ILogger logger, string room, long seq, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB buffer filling: {Count} observations not yet forwarded, oldest {Age} old. They are kept in the journal.")]
    private static partial void LogBufferFilling(ILogger logger, long count, TimeSpan age);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB buffer back to normal: {Count} observations waiting.")]
    private static partial void LogBufferDrained(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} forwarded rows older than {Days:0.#} days.")]
    private static partial void LogRetention(ILogger logger, long count, double days);

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB forwarding pass failed; retrying with backoff.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal maintenance (backlog check or retention) failed; retrying later.")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);
}

using Microsoft.Extensions.Logging;

namespace KapMonitor.Influx;

public sealed partial class InfluxBatchWriter
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "InfluxDB answered {Kind} for {LineCount} lines; sending them in two halves.")]
    private static partial void LogSplitting(ILogger logger, int lineCount, WriteOutcomeKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB refused {LineCount} line(s) for good, they will not be resent. {Reason} First line: {FirstLine}")]
    private static partial void LogRefused(ILogger logger, int lineCount, string reason, string firstLine);

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB write stopped by a configuration problem. {Reason}")]
    private static partial void LogConfiguration(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB write failed after {Attempts} attempts; the rest of the batch is deferred. {Reason}")]
    private static partial void LogGivingUp(ILogger logger, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB write failed ({Reason}); attempt {Attempt}, retrying in {DelaySeconds:0.###} s.")]
    private static partial void LogRetrying(ILogger logger, string reason, int attempt, double delaySeconds);
}

namespace KapMonitor.Storage;

/// <summary>Outcome of one <see cref="InfluxForwarder.ForwardOnceAsync"/> call.</summary>
/// <param name="Status">How the pass ended.</param>
/// <param name="PointsSent">Points accepted by InfluxDB in this pass.</param>
/// <param name="PointsRefused">Points InfluxDB refused for good (logged, skipped, never retried).</param>
/// <param name="Reason">The failure message when not caught up.</param>
public sealed record ForwardPassResult(ForwardPassStatus Status, long PointsSent, long PointsRefused, string? Reason = null);

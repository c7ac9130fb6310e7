namespace KapMonitor.Influx;

/// <summary>The answer to <c>GET /ping</c>.</summary>
/// <param name="IsHealthy">True when the server answered 2xx.</param>
/// <param name="StatusCode">HTTP status, or null when no response arrived.</param>
/// <param name="Version">The <c>X-Influxdb-Version</c> header (e.g. <c>1.6.7~rc0</c>), when sent.</param>
/// <param name="Build">The <c>X-Influxdb-Build</c> header (e.g. <c>OSS</c>), when sent.</param>
/// <param name="Message">A sentence for operators.</param>
public sealed record InfluxPingResult(bool IsHealthy, int? StatusCode, string? Version, string? Build, string Message);

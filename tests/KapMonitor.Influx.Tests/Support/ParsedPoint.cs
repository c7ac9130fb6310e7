namespace KapMonitor.Influx.Tests.Support;

/// <summary>A point read back by <see cref="LineProtocolParser"/>. Field values keep their line-protocol spelling except strings, which are unescaped.</summary>
internal sealed record ParsedPoint(string Measurement, IReadOnlyList<KeyValuePair<string, string>> Tags, IReadOnlyList<KeyValuePair<string, string>> Fields, string? Timestamp);

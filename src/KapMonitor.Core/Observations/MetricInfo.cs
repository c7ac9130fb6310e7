namespace KapMonitor.Core.Observations;

/// <summary>Names, unit and interoperability codes of a <see cref="Metric"/>.</summary>
/// <param name="Metric">The metric described.</param>
/// <param name="Name">Stable wire name (snake_case), used in JSON, MQTT and InfluxDB.</param>
/// <param name="Ucum">UCUM unit code.</param>
/// <param name="Loinc">LOINC code, or null where none is assigned.</param>
/// <param name="MdcCode">IEEE 11073-10101 MDC numeric code (partition/term as one number).</param>
/// <param name="MdcName">IEEE 11073-10101 reference identifier.</param>
public sealed record MetricInfo(Metric Metric, string Name, string Ucum, string? Loinc, int MdcCode, string MdcName);

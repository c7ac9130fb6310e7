using System.Diagnostics.CodeAnalysis;

namespace KapMonitor.Core.Observations;

/// <summary>
/// Codes for every metric (LOINC, IEEE 11073 MDC, UCUM; HL7 FHIR R4 vital-signs profile), so data
/// interoperate with FHIR vital-signs profiles and 11073 consumers.
/// </summary>
public static class MetricCatalog
{
    private static readonly MetricInfo[] s_byMetric = Build();

    /// <summary>Every known metric, in enum order (excluding <see cref="Metric.None"/>).</summary>
    public static IReadOnlyList<MetricInfo> All { get; } = s_byMetric.Skip(1).ToArray();

    /// <summary>Returns the description of <paramref name="metric"/>.</summary>
    public static MetricInfo Get(Metric metric) =>
        (uint)metric < (uint)s_byMetric.Length && s_byMetric[(int)metric] is { } info
            ? info
            : throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric.");

    /// <summary>Finds a metric by its wire name (case-insensitive).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out MetricInfo? info)
    {
        info = All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        return info is not null;
    }

    private static MetricInfo[] Build()
    {
        var table = new MetricInfo[(int)Metric.Pleth + 1];
        table[0] = new MetricInfo(Metric.None, "none", "1", null, 0, "");
        Add(new(Metric.Spo2, "spo2", "%", "59408-5", 150456, "MDC_PULS_OXIM_SAT_O2"));
        Add(new(Metric.PulseRate, "pulse_rate", "/min", "8867-4", 149530, "MDC_PULS_OXIM_PULS_RATE"));
        Add(new(Metric.HeartRate, "heart_rate", "/min", "8867-4", 149546, "MDC_PULS_RATE_NON_INV"));
        Add(new(Metric.Systolic, "systolic", "mm[Hg]", "8480-6", 150021, "MDC_PRESS_BLD_NONINV_SYS"));
        Add(new(Metric.Diastolic, "diastolic", "mm[Hg]", "8462-4", 150022, "MDC_PRESS_BLD_NONINV_DIA"));
        Add(new(Metric.MeanArterial, "mean_arterial", "mm[Hg]", "8478-0", 150023, "MDC_PRESS_BLD_NONINV_MEAN"));
        Add(new(Metric.PerfusionIndex, "perfusion_index", "%", null, 150488, "MDC_BLD_PERF_INDEX"));
        Add(new(Metric.CuffPressure, "cuff_pressure", "mm[Hg]", null, 150020, "MDC_PRESS_BLD_NONINV"));
        Add(new(Metric.RespiratoryRate, "respiratory_rate", "/min", "9279-1", 151562, "MDC_RESP_RATE"));
        Add(new(Metric.Pleth, "pleth", "1", null, 150452, "MDC_PULS_OXIM_PLETH"));
        return table;

        void Add(MetricInfo info) => table[(int)info.Metric] = info;
    }
}

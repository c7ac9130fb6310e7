using System.Collections.Frozen;
using KapMonitor.Core.Observations;

namespace KapMonitor.Storage;

/// <summary>
/// The journal stores metrics by their stable wire name (<see cref="MetricInfo.Name"/>), not the enum
/// byte, so a file stays readable if the enum is ever reordered.
/// </summary>
internal static class MetricNames
{
    private static readonly string[] s_byMetric = Enum.GetValues<Metric>().Select(m => m == Metric.None ? "none" : MetricCatalog.Get(m).Name).ToArray();
    private static readonly FrozenDictionary<string, Metric> s_byName = Enum.GetValues<Metric>().ToFrozenDictionary(m => s_byMetric[(int)m], StringComparer.Ordinal);

    public static string ToWire(Metric metric) => (uint)metric < (uint)s_byMetric.Length ? s_byMetric[(int)metric] : "none";

    public static Metric FromWire(string name) => s_byName.GetValueOrDefault(name, Metric.None);
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace KapMonitor.Benchmarks.Decoding;

/// <summary>MB/s from the mean time per frame and the frame size of the benchmark's Protocol parameter.</summary>
public sealed class ThroughputColumn(Func<string, int> bytesPerFrame) : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Megabytes (10^6) of device bytes decoded per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var report = summary[benchmarkCase];
        var protocol = benchmarkCase.Parameters["Protocol"] as string;
        if (report?.ResultStatistics is not { } stats || protocol is null || stats.Mean <= 0)
        {
            return "n/a";
        }

        // Mean is nanoseconds per frame: bytes/ns × 1000 = MB/s.
        return (bytesPerFrame(protocol) / stats.Mean * 1000).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

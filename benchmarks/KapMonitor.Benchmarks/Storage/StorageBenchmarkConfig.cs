using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace KapMonitor.Benchmarks.Storage;

/// <summary>Adds operations per second (here: points per second) to the summary table.</summary>
public sealed class StorageBenchmarkConfig : ManualConfig
{
    public StorageBenchmarkConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
}

using BenchmarkDotNet.Attributes;
using KapMonitor.Core.Observations;
using KapMonitor.Storage;

namespace KapMonitor.Benchmarks.Storage;

/// <summary>
/// Journal append rate under the real durability policy (WAL, synchronous=FULL, 100 ms group commit): append
/// <see cref="Points"/> observations over 4 rooms, then flush so every one is on disk. Target ≥ 50,000/s.
/// Also the latency of one clinical record, which is fsynced before the call returns.
/// </summary>
[Config(typeof(StorageBenchmarkConfig))]
[MemoryDiagnoser]
public class JournalAppendBenchmarks
{
    private const int Points = 50_000;
    private static readonly string[] s_rooms = ["room-1", "room-2", "room-3", "room-4"];

    private readonly CpuMeter _appendCpu = new("journal append+flush");
    private string _directory = null!;
    private Journal _journal = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "kapbench-journal-" + Guid.NewGuid().ToString("N")[..8]);
        _journal = Journal.Open(new JournalOptions { Path = Path.Combine(_directory, "journal.db") });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _journal.Dispose();
        _appendCpu.Print();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public Task AppendObservationsDurably() => _appendCpu.MeasureAsync(Points, async () =>
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Points; i++)
        {
            _journal.AppendObservation(s_rooms[i & 3], new Observation("ox-1", Metric.Spo2, 90 + (i % 10), Validity.Valid, ObservationFlags.None, now.AddTicks(i)));
        }

        await _journal.FlushAsync();
    });

    [Benchmark]
    public Task<ClinicalRecord> AppendClinicalRecord() =>
        _journal.AppendClinicalAsync("room-1", "alarm", DateTimeOffset.UtcNow, """{"rule":"spo2-low","state":"active","value":87}""");
}

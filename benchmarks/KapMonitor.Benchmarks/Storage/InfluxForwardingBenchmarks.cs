using System.Buffers;
using BenchmarkDotNet.Attributes;
using KapMonitor.Core.Observations;
using KapMonitor.Influx;
using KapMonitor.Storage;

namespace KapMonitor.Benchmarks.Storage;

/// <summary>
/// Forwarding rate from the journal into a local influxd 1.x (each iteration replays the same points from
/// cursor 0, which InfluxDB overwrites idempotently), and the CPU cost of turning one observation into line
/// protocol.
/// </summary>
[Config(typeof(StorageBenchmarkConfig))]
[MemoryDiagnoser]
public class InfluxForwardingBenchmarks
{
    private const int Points = 20_000;
    private static readonly string[] s_rooms = ["room-1", "room-2"];

    private readonly CpuMeter _forwardCpu = new("forward to influxd");
    private string _directory = null!;
    private Journal _journal = null!;
    private LocalInfluxd _influx = null!;
    private InfluxWriteClient _client = null!;
    private InfluxForwarder _forwarder = null!;
    private JournaledObservation[] _observations = null!;
    private ArrayBufferWriter<byte> _buffer = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "kapbench-forward-" + Guid.NewGuid().ToString("N")[..8]);
        _journal = Journal.Open(new JournalOptions { Path = Path.Combine(_directory, "journal.db") });
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Points; i++)
        {
            _journal.AppendObservation(s_rooms[i & 1], new Observation(i % 3 == 0 ? "cuff-1" : "ox-1", Metric.Spo2, 90 + (i % 10), Validity.Valid, ObservationFlags.None, now.AddMilliseconds(i)));
        }

        await _journal.FlushAsync();
        _observations = [.. _journal.ReadObservations("room-1", 0, Points)];
        _buffer = new ArrayBufferWriter<byte>(Points * 160);
        _influx = await LocalInfluxd.StartAsync("kapbench");
        _client = new InfluxWriteClient(InfluxEndpoint.ForV1(_influx.Url, "kapbench"));
        _forwarder = new InfluxForwarder(_journal, new InfluxBatchWriter(_client), new InfluxForwarderOptions { BatchSize = 5000 });
    }

    [IterationSetup(Target = nameof(ForwardBacklog))]
    public void Rewind()
    {
        foreach (var room in s_rooms)
        {
            _journal.ResetCursorAsync("influx", room, 0).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _forwardCpu.Print();
        _client.Dispose();
        _influx.Dispose();
        _journal.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Journal read + line protocol + HTTP write + cursor commit, per point.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public Task ForwardBacklog() => _forwardCpu.MeasureAsync(Points, async () =>
    {
        var pass = await _forwarder.ForwardOnceAsync();
        if (pass.Status != ForwardPassStatus.CaughtUp || pass.PointsSent != Points)
        {
            throw new InvalidOperationException($"Forwarding did not complete: {pass}");
        }
    });

    /// <summary>CPU cost of formatting one observation as a line (no I/O).</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public int FormatObservation()
    {
        _buffer.ResetWrittenCount();
        using var writer = new LineProtocolWriter(_buffer);
        for (var i = 0; i < 1000; i++)
        {
            InfluxPointFormatter.Write(writer, _observations[i]);
        }

        return _buffer.WrittenCount;
    }
}

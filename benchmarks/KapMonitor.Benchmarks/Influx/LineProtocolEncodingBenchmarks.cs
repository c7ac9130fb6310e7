using System.Buffers;
using BenchmarkDotNet.Attributes;
using KapMonitor.Influx;

namespace KapMonitor.Benchmarks.Influx;

/// <summary>
/// Line-protocol encoding throughput and allocations per point. The target is zero bytes allocated per point
/// once the writer and output buffer exist (the forwarder reuses both).
/// </summary>
[MemoryDiagnoser]
public class LineProtocolEncodingBenchmarks
{
    private const int PointsPerBatch = 1000;
    private static readonly DateTimeOffset s_start = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    private ArrayBufferWriter<byte> _buffer = null!;
    private LineProtocolWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _buffer = new ArrayBufferWriter<byte>(256 * 1024);
        _writer = new LineProtocolWriter(_buffer, InfluxPrecision.Milliseconds);
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    /// <summary>One typical vitals point: 3 tags, float/int/bool fields, a timestamp.</summary>
    [Benchmark(Baseline = true)]
    public int VitalsPoint()
    {
        _buffer.ResetWrittenCount();
        WriteVitals(0);
        return _buffer.WrittenCount;
    }

    /// <summary>A point whose names and text need escaping and UTF-8 transcoding.</summary>
    [Benchmark]
    public int EscapedPoint()
    {
        _buffer.ResetWrittenCount();
        _writer.Measurement("device status")
            .Tag("bed", "Salle B, lit 3")
            .Tag("device", "Nonin=3150 é")
            .Field("message", "probe \"off\" at C:\\sensor")
            .Field("ok", false)
            .EndLine(s_start);
        return _buffer.WrittenCount;
    }

    /// <summary>A batch of points into one buffer, as the forwarder builds a request body.</summary>
    [Benchmark(OperationsPerInvoke = PointsPerBatch)]
    public int VitalsBatch()
    {
        _buffer.ResetWrittenCount();
        for (int i = 0; i < PointsPerBatch; i++)
        {
            WriteVitals(i);
        }

        return _buffer.WrittenCount;
    }

    private void WriteVitals(int i) =>
        _writer.Measurement("vitals")
            .Tag("bed", "3")
            .Tag("device", "nonin-3150")
            .Tag("metric", "spo2")
            .Field("value", 97.0 - (i % 5) * 0.5)
            .Field("pulse", 60L + (i % 40))
            .Field("valid", true)
            .EndLine(s_start.AddMilliseconds(i * 250));
}

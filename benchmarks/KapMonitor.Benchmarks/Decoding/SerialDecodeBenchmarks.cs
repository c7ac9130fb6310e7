using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Benchmarks.Decoding;

/// <summary>
/// Decoder throughput and allocations per frame for each serial protocol. One operation = one frame
/// (Nonin frame, Contec packet, SunTech response, Masimo line), so "Allocated" reads per frame and
/// the MB/s column is bytes decoded per second. Steady state must allocate nothing (binary protocols).
/// Run: dotnet run -c Release --project benchmarks/KapMonitor.Benchmarks -- --filter '*SerialDecode*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class SerialDecodeBenchmarks
{
    public const int Frames = 1000;

    private readonly CountingSink _sink = new();
    private byte[] _stream = [];
    private IDeviceProtocol _protocol = null!;

    [Params("nonin-df2", "nonin-df7", "nonin-df8", "nonin-df13", "contec-legacy", "contec-v7", "suntech-advantage", "masimo-ascii")]
    public string Protocol { get; set; } = "nonin-df2";

    [GlobalSetup]
    public void Setup()
    {
        var frame = SampleFrames.For(Protocol);
        _stream = [.. Enumerable.Range(0, Frames).SelectMany(i => frame(i))];
        _protocol = ProtocolRegistry.Create(Protocol, new ProtocolContext("bench"));
        _protocol.Decode(_stream, DateTimeOffset.UnixEpoch, _sink); // warm state (packet alignment, edges)
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int Decode()
    {
        // Feed in 4 KB reads, as a tty would deliver them, keeping the unconsumed tail.
        var at = DateTimeOffset.UnixEpoch;
        var start = 0;
        var total = 0;
        while (start < _stream.Length)
        {
            var end = Math.Min(_stream.Length, start + 4096);
            var consumed = _protocol.Decode(_stream.AsSpan(start, end - start), at, _sink);
            if (consumed == 0 && end == _stream.Length)
            {
                break;
            }

            total += consumed;
            start += consumed == 0 ? end - start : consumed;
        }

        return total;
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn(SampleFrames.BytesPerFrame));
    }

    private sealed class CountingSink : IDecodeSink
    {
        public long Count { get; private set; }

        public void OnObservation(in Observation observation) => Count++;

        public void OnStatus(in DeviceStatusEvent status) => Count++;

        public void OnProtocolError(in ProtocolError error) => Count++;
    }
}

using BenchmarkDotNet.Attributes;
using KapMonitor.Serial;
using KapMonitor.Testing.Peers;

namespace KapMonitor.Benchmarks.Serial;

/// <summary>
/// SerialPort round trip and throughput over a socat pty pair: what the poll-thread design costs per
/// read, and that steady-state reads allocate nothing (MemoryDiagnoser). Ptys do not emulate baud rate,
/// so these are software limits, far above any bedside device (9600–115200 baud).
/// </summary>
[MemoryDiagnoser]
public class PtyThroughputBenchmarks
{
    private PtyPair _pty = null!;
    private SerialPort _a = null!;
    private SerialPort _b = null!;
    private byte[] _payload = [];
    private readonly byte[] _readBuffer = new byte[4096];

    /// <summary>Bytes per write.</summary>
    [Params(16, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Synchronous: setup must have finished before the first invocation, whatever the toolchain.
        _pty = PtyPair.StartAsync().GetAwaiter().GetResult();
        _a = SerialPort.Open(_pty.DeviceA, new SerialSettings(115200));
        _b = SerialPort.Open(_pty.DeviceB, new SerialSettings(115200));
        _payload = new byte[Size];
        new Random(7).NextBytes(_payload);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _a.Dispose();
        _b.Dispose();
        _pty.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Write <see cref="Size"/> bytes on one end and read all of them on the other.</summary>
    [Benchmark]
    public async Task<int> WriteThenReadAll()
    {
        var read = ReadAllAsync(Size);
        await _a.WriteAsync(_payload);
        return await read;
    }

    private async Task<int> ReadAllAsync(int count)
    {
        var total = 0;
        while (total < count)
        {
            total += await _b.ReadAsync(_readBuffer.AsMemory(0, Math.Min(_readBuffer.Length, count - total)));
        }

        return total;
    }
}

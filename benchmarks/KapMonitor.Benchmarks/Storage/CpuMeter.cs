using System.Diagnostics;
using System.Globalization;

namespace KapMonitor.Benchmarks.Storage;

/// <summary>
/// Process CPU time per point across every invocation (caller, writer loop, GC and HTTP together), printed at
/// cleanup: wall-clock means alone hide how much of the 2-core box the storage path costs.
/// </summary>
internal sealed class CpuMeter(string label)
{
    private TimeSpan _cpu;
    private TimeSpan _wall;
    private long _points;

    public async Task MeasureAsync(int points, Func<Task> run)
    {
        using var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        await run();
        sw.Stop();
        process.Refresh();
        _cpu += process.TotalProcessorTime - cpu0;
        _wall += sw.Elapsed;
        _points += points;
    }

    public void Print()
    {
        if (_points == 0)
        {
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// storage figures: {label}: {_points} points, {_points / _wall.TotalSeconds:N0} points/s wall, {_cpu.TotalMicroseconds / _points:0.00} µs CPU per point"));
    }
}

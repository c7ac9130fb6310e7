using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Hosting;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Physiology;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Benchmarks.Simulators;

/// <summary>
/// Can one process simulate a clinic's worth of devices? Starts <see cref="Devices"/> simulated devices
/// (a mix of every serial protocol, half with pleth waveforms) on one <see cref="SimulatorHost"/> writing to
/// counting in-memory sinks, and pumps one minute of session time in 20 ms steps, as the shared timer
/// would. Mean time per operation ÷ 60 s = the CPU share needed to run the fleet in real time; the
/// global cleanup also prints process CPU time and managed memory.
/// Run: <c>dotnet run -c Release --project benchmarks/KapMonitor.Benchmarks -- --filter '*SimulatorFleet*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class SimulatorFleetBenchmarks
{
    private static readonly string[] s_protocols = ["nonin-df2", "nonin-df7", "nonin-df8", "nonin-df13", "masimo-ascii", "contec-legacy", "suntech-advantage"];
    private SimulatorHost _host = null!;
    private TimeSpan _now;
    private long _bytes;
    private List<MemorySimulatorOutput> _outputs = [];

    [Params(1000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = new Scenario
        {
            Name = "fleet",
            Duration = TimeSpan.FromHours(3),
            Dose = new DoseSpec(DoseRoute.SublingualLozenge, TimeSpan.FromMinutes(15)),
            Events = [new ScenarioEvent(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), ScenarioEventKind.ProbeOff)],
        };
        _host = new SimulatorHost(TimeProvider.System);
        _outputs = [];
        for (var i = 0; i < Devices; i++)
        {
            var output = new MemorySimulatorOutput(keepBytes: false);
            _outputs.Add(output);
            var session = new SimulatedSession(scenario, (ulong)i, DateTimeOffset.UnixEpoch);
            _host.Add(SimulatedDeviceFactory.Create(s_protocols[i % s_protocols.Length], session, output, pleth: i % 2 == 0));
        }
    }

    [Benchmark(Description = "1 min of session time for the whole fleet")]
    public long PumpOneMinute()
    {
        var end = _now + TimeSpan.FromMinutes(1);
        for (; _now < end; _now += TimeSpan.FromMilliseconds(20))
        {
            _host.Pump(_now);
        }

        return _host.TickCount;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bytes = _outputs.Sum(o => (long)o.Count);
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"// Fleet of {Devices}: {_now.TotalMinutes:F0} session minutes, {_host.TickCount} device ticks, {_bytes / 1_000_000.0:F1} MB emitted, " +
            $"process CPU {process.TotalProcessorTime.TotalSeconds:F1} s, managed heap {GC.GetTotalMemory(false) / 1_000_000.0:F1} MB, working set {process.WorkingSet64 / 1_000_000.0:F0} MB");
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

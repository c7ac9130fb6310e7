using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace KapMonitor.Benchmarks.Pipeline;

/// <summary>
/// End-to-end figures for the MQTT issue, printed rather than asserted (the machine is shared):
/// <list type="number">
/// <item>Alarm latency: from the last byte of a violating Nonin DF8 frame written to the pty to the
/// <c>alarm.raised</c> event arriving at an MQTT subscriber, through decode, engine, journal fsync and publish.
/// The rule has no delay, so its configured delay is excluded. One low frame, then one normal frame to clear,
/// so each alarm is measured alone.</item>
/// <item>CPU per reading: N normal frames, and process CPU time (minus the feeder thread's own) until every
/// reading is journaled and forwarded to InfluxDB, with the MQTT vitals publisher running.</item>
/// </list>
/// Run: <c>dotnet run -c Release --project benchmarks/KapMonitor.Benchmarks -- pipeline [alarms=1000] [readings=20000] [influx=0] [idle=3] [gap=20] [socat=1]</c>
/// (<c>influx=0</c> leaves InfluxDB out to show its share of the CPU; <c>idle</c> is the seconds the idle CPU is
/// measured over, long enough to attach a profiler; <c>gap</c> measures the alarms again that many milliseconds
/// apart, each from rest; <c>socat=1</c> puts the tests' socat relay between the device and the tty).
/// </summary>
internal static class PipelineBenchmark
{
    // Nonin DF8 (mattjlewis/NoninPulseOx): STATUS(bit7=1, HR bits 8-7) | HR low 7 bits | SpO2 | STATUS2.
    private static readonly byte[] s_normal = [0x80, 0x48, 0x61, 0x00];   // HR 72, SpO2 97
    private static readonly byte[] s_low = [0x80, 0x50, 0x52, 0x00];      // HR 80, SpO2 82 (<= 91)
    private static readonly TimeSpan s_eventTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var alarms = Argument(args, "alarms", 1000);
        var readings = Argument(args, "readings", 20000);
        var influx = Argument(args, "influx", 1) != 0;
        var idleSeconds = Argument(args, "idle", 3);
        var socat = Argument(args, "socat", 0) != 0;
        var gap = Argument(args, "gap", 0);
        var loadBefore = LoadAverage();
        Console.WriteLine($"KapMonitor pipeline benchmark: {alarms} alarms, {readings} readings; {Environment.ProcessorCount} CPUs; InfluxDB {(influx ? "on" : "off")}; {(socat ? "socat pty pair" : "pty from posix_openpt")}; load average {loadBefore}");

        await using var rig = await PipelineRig.StartAsync(influx, socat);
        // Warm-up: proves frames flow, then runs every measured path until tiered compilation has settled
        // (otherwise the JIT's background thread shows up as pipeline CPU): a long-running service is measured.
        await FeedAsync(rig, 200, paced: true);
        var rounds = 0;
        long compiled;
        do
        {
            compiled = JitInfo.GetCompiledMethodCount();
            await FeedAsync(rig, 20000, paced: false);
            await MeasureAlarmsAsync(rig, 100);
            await FeedAsync(rig, 1000, paced: true);
            await Task.Delay(TimeSpan.FromSeconds(1));
            rounds++;
        }
        while (JitInfo.GetCompiledMethodCount() - compiled > 25 && rounds < 10);
        Console.WriteLine($"Warm-up: {rounds} rounds until the JIT settled ({JitInfo.GetCompiledMethodCount() - compiled} methods compiled in the last)");

        Console.WriteLine($"Warmed up; measuring idle CPU for {idleSeconds} s (process {Environment.ProcessId})");
        var idle = await MeasureIdleAsync(TimeSpan.FromSeconds(idleSeconds));
        var latencies = await MeasureAlarmsAsync(rig, alarms);
        var spaced = gap > 0 ? await MeasureAlarmsAsync(rig, alarms, gap) : null;
        var fast = await MeasureCpuAsync(rig, readings, paced: false);
        var paced = await MeasureCpuAsync(rig, Math.Min(readings, 5000), paced: true);

        Print(latencies, fast, paced, loadBefore, LoadAverage());
        if (spaced is not null)
        {
            Console.WriteLine($"Alarm latency, the same, with {gap} ms between one alarm's clear and the next low frame (each alarm from rest), n = {alarms}:");
            PrintLatencies(spaced);
        }

        // Tiered compilation keeps recompiling in the background for a while after the warm-up; a profile of the idle
        // process put much of the idle CPU there, so it is reported apart from the service's own housekeeping.
        Console.WriteLine($"Idle process CPU with the session open and no frames (timers, forwarder and link housekeeping): {idle.Cpu:F1} ms per second, " +
            $"of it JIT {idle.Jit:F1} ms per second ({idle.Methods} methods compiled)");
        return 0;
    }

    private static Task<double[]> MeasureAlarmsAsync(PipelineRig rig, int count, int gapMs = 0) => MeasureAlarmsAsync(rig.Device, rig.Alarms, count, gapMs);

    /// <summary>
    /// Writes a low frame to <paramref name="device"/>, times its <c>alarm.raised</c> at <paramref name="alarms"/>,
    /// then a normal frame and waits for <c>alarm.cleared</c>, <paramref name="count"/> times; milliseconds each.
    /// </summary>
    internal static async Task<double[]> MeasureAlarmsAsync(FileStream device, AlarmListener alarms, int count, int gapMs = 0)
    {
        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            var (raised, cleared) = alarms.Arm();
            device.Write(s_low);
            var written = Stopwatch.GetTimestamp();
            var arrived = await raised.WaitAsync(s_eventTimeout);
            latencies[i] = Stopwatch.GetElapsedTime(written, arrived).TotalMilliseconds;

            // Back in range: the non-latching alarm clears, so the next low frame raises a new one.
            device.Write(s_normal);
            await cleared.WaitAsync(s_eventTimeout);
            if (gapMs > 0)
            {
                await Task.Delay(gapMs);
            }
        }

        return latencies;
    }

    /// <summary>
    /// Process CPU per second of wall time with nothing fed (the floor under the paced figure), the JIT's part of it,
    /// and the methods compiled meanwhile.
    /// </summary>
    private static async Task<(double Cpu, double Jit, long Methods)> MeasureIdleAsync(TimeSpan span)
    {
        using var process = Process.GetCurrentProcess();
        var start = CpuSnapshot.Take(process);
        var wall = Stopwatch.StartNew();
        await Task.Delay(span);
        var used = CpuSnapshot.Take(process) - start;
        var seconds = wall.Elapsed.TotalSeconds;
        return (used.Cpu.TotalMilliseconds / seconds, used.Jit.TotalMilliseconds / seconds, used.Methods);
    }

    private static async Task<CpuFigures> MeasureCpuAsync(PipelineRig rig, int frames, bool paced)
    {
        using var process = Process.GetCurrentProcess();
        var start = CpuSnapshot.Take(process);
        var wall = Stopwatch.StartNew();
        var feederCpu = await FeedAsync(rig, frames, paced);
        var journaledAt = wall.Elapsed;

        // Store-and-forward runs behind the journal: wait until InfluxDB has every reading.
        while (!rig.InfluxCaughtUp())
        {
            await Task.Delay(50);
        }

        var used = CpuSnapshot.Take(process) - start;
        return new CpuFigures(frames, paced, used.Cpu, used.System, feederCpu, used.Jit, used.Methods, journaledAt, wall.Elapsed);
    }

    /// <summary>
    /// Writes <paramref name="frames"/> normal frames, one write(2) each, on a dedicated thread so its CPU time can
    /// be read; paced = one frame per millisecond (each read by the service alone), otherwise as fast as the pipeline
    /// journals them, at most 64 frames ahead. Returns the feeder's CPU time after every reading is journaled.
    /// </summary>
    private static Task<TimeSpan> FeedAsync(PipelineRig rig, int frames, bool paced)
    {
        var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var feeder = new Thread(() =>
        {
            try
            {
                var cpuStart = ThreadCpu.Now();
                var target = rig.Counter.Observations + (2L * frames);
                var firstObservation = rig.Counter.Observations;
                var deadline = Stopwatch.StartNew();
                for (var i = 0; i < frames; i++)
                {
                    while (i - ((rig.Counter.Observations - firstObservation) / 2) > 64)
                    {
                        Thread.Sleep(1);
                    }

                    rig.Device.Write(s_normal);
                    if (paced)
                    {
                        Thread.Sleep(1);
                    }
                }

                while (rig.Counter.Observations < target)
                {
                    if (deadline.Elapsed > TimeSpan.FromMinutes(10))
                    {
                        throw new TimeoutException($"Only {rig.Counter.Observations - firstObservation} of {2L * frames} readings were journaled.");
                    }

                    Thread.Sleep(1);
                }

                done.SetResult(ThreadCpu.Now() - cpuStart);
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "bench-feeder" };
        feeder.Start();
        return done.Task;
    }

    private static void Print(double[] latencies, CpuFigures fast, CpuFigures paced, string loadBefore, string loadAfter)
    {
        Console.WriteLine();
        Console.WriteLine($"Alarm latency, last byte on the pty -> alarm.raised at the MQTT subscriber (journal fsync before publish, rule delay none), n = {latencies.Length}:");
        PrintLatencies(latencies);
        Console.WriteLine();
        Console.WriteLine("CPU per reading, whole pipeline (decode, engine, journal, InfluxDB forward, MQTT vitals), target <= 10 us/reading:");
        Console.WriteLine("  mode                   frames  wall(s)  journaled(s)  process CPU(ms)  of it kernel(ms)  feeder CPU(ms)  JIT(ms)  us/frame  us/observation");
        fast.Print();
        paced.Print();
        Console.WriteLine($"  (JIT: {fast.JitMethods} and {paced.JitMethods} methods compiled during the two runs; us/frame and us/observation exclude the feeder thread; each DF8 frame is 2 observations: SpO2 and pulse rate)");
        Console.WriteLine($"Load average before {loadBefore}, after {loadAfter}");
    }

    /// <summary>Writes one in-range DF8 frame (one write(2)).</summary>
    internal static void WriteNormal(FileStream device) => device.Write(s_normal);

    internal static void PrintLatencies(double[] latencies)
    {
        Array.Sort(latencies);
        Console.WriteLine($"  p50 {Percentile(latencies, 0.50):F3} ms   p90 {Percentile(latencies, 0.90):F3} ms   p99 {Percentile(latencies, 0.99):F3} ms   max {latencies[^1]:F3} ms   mean {latencies.Average():F3} ms   (target p99 <= 1 ms)");
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    internal static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    internal static int Argument(string[] args, string name, int fallback)
    {
        var prefix = name + "=";
        var arg = args.FirstOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal));
        return arg is null ? fallback : int.Parse(arg.AsSpan(prefix.Length), CultureInfo.InvariantCulture);
    }

    /// <summary>The process's CPU and kernel CPU, JIT time and methods compiled at one instant; two subtracted give a window.</summary>
    private readonly record struct CpuSnapshot(TimeSpan Cpu, TimeSpan System, TimeSpan Jit, long Methods)
    {
        public static CpuSnapshot Take(Process process)
        {
            process.Refresh();
            return new(process.TotalProcessorTime, process.PrivilegedProcessorTime, JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount());
        }

        public static CpuSnapshot operator -(CpuSnapshot end, CpuSnapshot start) =>
            new(end.Cpu - start.Cpu, end.System - start.System, end.Jit - start.Jit, end.Methods - start.Methods);
    }

    private sealed record CpuFigures(int Frames, bool Paced, TimeSpan ProcessCpu, TimeSpan SystemCpu, TimeSpan FeederCpu, TimeSpan Jit, long JitMethods, TimeSpan Journaled, TimeSpan Wall)
    {
        public void Print()
        {
            var pipeline = (ProcessCpu - FeederCpu).TotalMicroseconds;
            var mode = Paced ? "paced 1 frame/ms" : "as fast as it keeps up";
            Console.WriteLine($"  {mode,-22} {Frames,6}  {Wall.TotalSeconds,7:F2}  {Journaled.TotalSeconds,12:F2}  {ProcessCpu.TotalMilliseconds,15:F0}  {SystemCpu.TotalMilliseconds,16:F0}  {FeederCpu.TotalMilliseconds,14:F0}  {Jit.TotalMilliseconds,7:F0}  {pipeline / Frames,8:F1}  {pipeline / (2.0 * Frames),14:F1}");
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Observations;
using KapMonitor.Core.Time;
using KapMonitor.Service.Cli;
using KapMonitor.Service.Pipeline;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Hosting;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;
using KapMonitor.Storage;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;

namespace KapMonitor.Service.Tests.Integration;

/// <summary>
/// Plays a scenario through the real pipeline: simulated oximeter and cuff speaking their real bytes on
/// ptys, the service reading them through the serial port, the demo's therapist and prescriber acting
/// through the HTTP API; everything on one accelerated clock. Collects every journaled decision.
/// </summary>
public sealed class ScenarioRun : IRoomObserver
{
    private static readonly TimeSpan s_stall = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentQueue<EngineDecision> _decisions = new();
    private readonly Dictionary<string, long> _lastArrival = [];
    private readonly ConcurrentQueue<string> _stalls = new();
    private readonly ConcurrentQueue<string> _statuses = new();

    /// <summary>Decisions journaled so far, in order.</summary>
    public IReadOnlyList<EngineDecision> Decisions => [.. _decisions];

    /// <summary>Session minutes elapsed when each decision was journaled is <c>decision.At - Start</c>.</summary>
    public DateTimeOffset Start { get; private set; }

    /// <summary>Runs <paramref name="scenarioName"/> until <paramref name="done"/> holds or the scenario's time is up.</summary>
    public static async Task<ScenarioRun> PlayAsync(string scenarioName, double speed, TestLoggerProvider logs, Func<ScenarioRun, bool> done, TimeSpan? realTimeLimit = null)
    {
        var run = new ScenarioRun();
        using var work = new TempDirectory("kapmon-scenario");
        var scenario = ScenarioLoader.LoadByName(scenarioName, RepoPaths.Combine("scenarios"));
        var time = new ScaledTimeProvider(TimeProvider.System, speed);
        run.Start = time.GetUtcNow();
        var session = new SimulatedSession(scenario, scenario.Seed, run.Start);
        var oximeter = new PtySimulatorOutput(work.Combine("oximeter"));
        var cuff = new PtySimulatorOutput(work.Combine("cuff"));
        await using var simulators = new SimulatorHost(time);
        simulators.Add(SimulatedDeviceFactory.Create(DemoDevices.OximeterProtocol, session, oximeter, pleth: false));
        simulators.Add(SimulatedDeviceFactory.Create(DemoDevices.CuffProtocol, session, cuff));
        simulators.Start();

        var config = DemoDevices.Config(work.Path, RepoPaths.Root, "test-site", "room-1", oximeter.LinkPath!, cuff.LinkPath!, scenario.CuffOnOximeterArm, null, null, FreePort.Next());
        await using var service = await ServiceHarness.StartAsync(config, time, logs, run);
        using var stop = new CancellationTokenSource();
        var script = new DemoScript(service.BaseAddress.ToString().TrimEnd('/'), ServiceHarness.TherapistToken, ServiceHarness.PrescriberToken, "room-1", scenario, time, TextWriter.Null)
            .RunAsync(stop.Token);
        // The scenario ends when its decision shows up, the script finishes, or its session time runs out.
        await Eventually.HoldsWithinAsync(() => Task.FromResult(done(run) || script.IsCompleted),
            realTimeLimit ?? TimeSpan.FromTicks((long)(scenario.Duration.Ticks / speed)) + TimeSpan.FromSeconds(30));

        await stop.CancelAsync();
        try
        {
            await script;
        }
        catch (OperationCanceledException)
        {
        }

        return run;
    }

    /// <summary>Minutes of session time from the start of the run to <paramref name="at"/>.</summary>
    public double MinutesAt(DateTimeOffset at) => (at - Start).TotalMinutes;

    /// <summary>
    /// For a failure message: every gap of 250 ms real time or more between two inputs of one device reaching the
    /// room (a stalled device, reader or room loop; at the scenario tests' 100x speed that is 25 s of session time;
    /// a cuff's gaps between readings are expected), and the device status changes with their session minutes.
    /// </summary>
    public string Arrivals() =>
        "gaps: " + string.Join("; ", _stalls) + " | statuses: " + string.Join("; ", _statuses);

    private void Arrived(string deviceId, DateTimeOffset at)
    {
        // Observers are called from the room loop alone, one input at a time: no other thread touches _lastArrival.
        var now = Stopwatch.GetTimestamp();
        if (_lastArrival.TryGetValue(deviceId, out var last) && Stopwatch.GetElapsedTime(last, now) is var gap && gap >= s_stall)
        {
            _stalls.Enqueue($"{deviceId} {gap.TotalMilliseconds:0} ms ending at {MinutesAt(at):0.00}m");
        }

        _lastArrival[deviceId] = now;
    }

    void IRoomObserver.OnObservation(string room, long seq, in Observation observation) => Arrived(observation.DeviceId, observation.ReceivedAt);

    void IRoomObserver.OnStatus(string room, long seq, in DeviceStatusEvent status)
    {
        Arrived(status.DeviceId, status.At);
        _statuses.Enqueue($"{MinutesAt(status.At):0.00}m {status.DeviceId} {status.Condition}={status.Active}");
    }

    void IRoomObserver.OnDecision(string room, ClinicalRecord record, EngineDecision decision) => _decisions.Enqueue(decision);
}

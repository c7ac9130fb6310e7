using KapMonitor.Core.Observations;
using KapMonitor.Core.Time;
using KapMonitor.Devices.Profiles;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Transport;
using KapMonitor.Serial;
using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Hosting;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Xunit.Abstractions;

namespace KapMonitor.Simulators.Tests.Integration;

/// <summary>
/// One simulated device on a real pty, read by a real <see cref="DeviceLink"/> over a real serial port with the
/// protocol built the way the service builds it (from the device profile). Simulator and link share one
/// accelerated clock, so device seconds pass quickly while every byte still crosses the kernel.
/// </summary>
internal sealed class PtyProtocolRig : IAsyncDisposable
{
    public const string DeviceId = "pty-1";
    private static readonly TimeSpan s_pollTimeout = TimeSpan.FromSeconds(25);
    private readonly TempDirectory _directory = new("kapptyproto");
    private readonly SimulatorHost _host;
    private readonly TestLoggerProvider _logs;
    private readonly CancellationTokenSource _stop = new();
    private readonly SimulatedSession _reference;
    private Task? _run;

    public PtyProtocolRig(string protocolId, ITestOutputHelper output, double? speed = null, string scenarioName = "kap-lozenge-normal")
    {
        ProtocolId = protocolId;
        Time = new ScaledTimeProvider(TimeProvider.System, speed ?? DefaultSpeed(protocolId));
        var scenario = ScenarioLoader.LoadByName(scenarioName, RepoPaths.Combine("scenarios"));
        var startWall = Time.GetUtcNow();
        var session = new SimulatedSession(scenario, scenario.Seed, startWall);

        // A second session on the same seed is the reference model; the device's own is touched only by the host's timer.
        _reference = new SimulatedSession(scenario, scenario.Seed, startWall);
        LinkPath = _directory.Combine("ttyKAP0");
        Cable = new PtyProtocolCable(new PtySimulatorOutput(LinkPath));
        Device = SimulatedDeviceFactory.Create(protocolId, session, Cable);
        _host = new SimulatorHost(Time, TimeSpan.FromMilliseconds(50));
        _host.Add(Device);

        // As the service does: the first serial profile (file name order) for the protocol gives line settings and options.
        var profiles = DeviceProfileLoader.LoadDirectory(RepoPaths.Combine("device-profiles"));
        Assert.True(profiles.Succeeded, string.Join("\n", profiles.Errors));
        Profile = profiles.Profiles.FirstOrDefault(p => p.Protocol == protocolId && p.Transport == DeviceTransport.Serial);
        var settings = Profile?.Serial?.ToSettings() ?? new SerialSettings(9600);
        var protocol = ProtocolRegistry.Create(protocolId, new ProtocolContext(DeviceId, Profile?.ProtocolOptions));

        _logs = new TestLoggerProvider(output);
        Link = new DeviceLink(
            DeviceId,
            () => new SerialByteChannel(LinkPath, settings),
            protocol,
            Recorder,
            Time,
            _logs.CreateLogger(nameof(DeviceLink)),
            new DeviceLinkOptions { BackoffMin = TimeSpan.FromSeconds(1), BackoffMax = TimeSpan.FromSeconds(4), Random = new Random(7) });
    }

    public string ProtocolId { get; }

    /// <summary>
    /// How much faster than real time the shared clock runs. 20x for most devices; 5x for Contec V7, whose device
    /// stops streaming 8 s after the last keep-alive and which the protocol keeps alive every 4 s: at 20x a stall
    /// of 200 ms real time in the link (JIT, a loaded CI machine) silences it for good, so a slower clock keeps that
    /// margin near a second.
    /// </summary>
    public static double DefaultSpeed(string protocolId) => protocolId == "contec-v7" ? 5 : 20;

    public ScaledTimeProvider Time { get; }

    public string LinkPath { get; }

    public PtyProtocolCable Cable { get; }

    public SimulatedDevice Device { get; }

    public DeviceProfile? Profile { get; }

    public DeviceLink Link { get; }

    public PtyProtocolRecorder Recorder { get; } = new();

    /// <summary>Wall-clock instant (on <see cref="Time"/>) of simulator session time zero.</summary>
    public DateTimeOffset SessionStart { get; private set; }

    public TimeSpan SimulatorElapsed => _host.Elapsed;

    public void StartSimulator()
    {
        SessionStart = Time.GetUtcNow();
        _host.Start();
    }

    public void StartLink() => _run = Link.RunAsync(_stop.Token);

    public void Start()
    {
        StartSimulator();
        StartLink();
    }

    /// <summary>Session time at which the link received <paramref name="observation"/>.</summary>
    public TimeSpan SessionTimeOf(in Observation observation) => observation.ReceivedAt - SessionStart;

    /// <summary>Polls (real time) until <paramref name="condition"/> holds; fails naming <paramref name="what"/>.</summary>
    public async Task WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? s_pollTimeout);
        while (!condition())
        {
            if (_run is { IsCompleted: true })
            {
                await _run; // Surfaces the link's failure instead of a timeout.
            }

            Assert.True(DateTime.UtcNow < deadline, $"{ProtocolId}: timed out waiting until {what} (link {Link.State}, read {Link.Counters.BytesRead} B, wrote {Link.Counters.BytesWritten} B, device wrote {Cable.BytesToHost} B, errors {Link.Counters.ProtocolErrors}{DeviceState()}).");
            await Task.Delay(20);
        }
    }

    private string DeviceState() => Device is ContecV7OximeterDevice contec ? $", device streaming {contec.Streaming}" : "";

    /// <summary>Count of valid observations of <paramref name="metric"/> recorded after sequence <paramref name="after"/>.</summary>
    public int ValidCount(Metric metric, long after = 0) => Recorder.Observations(after).Count(o => o.Metric == metric && o.IsValid);

    /// <summary>Sequence of the first status of <paramref name="condition"/>/<paramref name="active"/> after <paramref name="after"/>, or null.</summary>
    public long? StatusSequence(DeviceCondition condition, bool active, long after = 0)
    {
        foreach (var (sequence, status) in Recorder.Statuses(after))
        {
            if (status.Condition == condition && status.Active == active)
            {
                return sequence;
            }
        }

        return null;
    }

    /// <summary>
    /// Asserts <paramref name="observation"/> lies within what the simulated patient showed in the preceding
    /// <paramref name="window"/> of session time (devices sample, average and hold; the link stamps arrival).
    /// </summary>
    public void AssertMatchesModel(in Observation observation, TimeSpan window, double tolerance)
    {
        var end = SessionTimeOf(observation);
        double min = double.MaxValue, max = double.MinValue;
        for (var t = end - window; t <= end; t += TimeSpan.FromMilliseconds(50))
        {
            if (t < TimeSpan.Zero)
            {
                continue;
            }

            OximeterReading reading = _reference.ReadOximeter(t);
            int? value = observation.Metric == Metric.Spo2 ? reading.Spo2 : reading.PulseRate;
            if (value is { } v)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        Assert.True(min <= max, $"{ProtocolId}: the model had no {observation.Metric} before {end}, yet {observation.Value} arrived");
        Assert.InRange(observation.Value, min - tolerance, max + tolerance);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _run.WaitAsync(TimeSpan.FromSeconds(20)));
        }

        await _host.DisposeAsync();
        _logs.Dispose();
        _stop.Dispose();
        _directory.Dispose();
    }

    /// <summary>Fails on unexpected error-level log entries from the link.</summary>
    public void AssertNoErrorLogs() => _logs.AssertNoErrors();
}

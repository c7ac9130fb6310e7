using System.Text.Json;
using KapMonitor.Core.Time;
using KapMonitor.Service.Configuration;
using KapMonitor.Storage;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Xunit.Abstractions;

namespace KapMonitor.Service.Tests.Integration;

/// <summary>Restart mid-session: the session resumes from the journal with its baseline and alarms, and nothing is decided twice.</summary>
public sealed class RestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestLoggerProvider _logs = new(output);
    private readonly TempDirectory _work = new("kapmon-restart");
    private PtyPair? _pty;

    public async Task InitializeAsync() => _pty = await PtyPair.StartAsync();

    [Fact]
    public async Task A_session_resumes_after_a_restart_with_its_alarms_and_no_decision_is_journaled_twice()
    {
        var time = new ScaledTimeProvider(TimeProvider.System, 10);
        var config = ServiceHarness.Config(_work.Path, new DeviceConfig { Id = "room-1-oximeter", Profile = "nonin-3150", Port = _pty!.PathB });
        string sessionId;
        JsonElement before;
        await using (var device = new Df8Device(_pty.PathA, time, TimeSpan.FromSeconds(1)))
        {
            await using var first = await ServiceHarness.StartAsync(config, time, _logs);
            using var api = first.Client();
            sessionId = (await api.PostOkAsync("rooms/room-1/session", new { patientRef = "p-restart", prescriberId = "dr-lee", profile = "kap-sublingual" }))
                .GetProperty("sessionId").GetString()!;
            await ApiExtensions.WaitUntilAsync(
                async () => (await api.GetOkAsync("rooms/room-1")).GetProperty("alarms").EnumerateArray().Any(a => a.GetProperty("metric").GetString() == "spo2"),
                () => device.WriteAsync(82, 80), TimeSpan.FromSeconds(60), "the SpO2 alarm");
            before = await api.GetOkAsync("rooms/room-1");
        }

        await using (var second = await ServiceHarness.StartAsync(config, time, _logs))
        {
            using var api = second.Client();
            var after = await api.GetOkAsync("rooms/room-1");
            Assert.Contains(_logs.Entries, e => e.Message.Contains($"resumed session {sessionId}", StringComparison.Ordinal));
            Assert.Equal(sessionId, after.GetProperty("session").GetProperty("sessionId").GetString());
            var alarmIdsBefore = before.GetProperty("alarms").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
            var alarmIdsAfter = after.GetProperty("alarms").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
            Assert.NotEmpty(alarmIdsAfter);
            Assert.Subset(alarmIdsAfter.ToHashSet(), alarmIdsBefore.ToHashSet());

            // Still the same engine: an acknowledgement of the pre-restart alarm is accepted.
            await api.PostOkAsync("rooms/room-1/alarms/acknowledge", new { alarmId = alarmIdsBefore[0] });
        }

        await using var journal = Journal.Open(new JournalOptions { Path = config.Journal.Path });
        var decisions = journal.ReadSession(sessionId).Where(r => r.Kind == "decision")
            .Select(r => JsonDocument.Parse(r.PayloadJson).RootElement.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(decisions.Count, decisions.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, decisions.Count).Select(i => (long)i), decisions.Order());
        Assert.Equal(0, AuditVerifyTool.Run(config.Journal.Path, TextWriter.Null));
        _logs.AssertNoErrors();
    }

    [Fact]
    public async Task The_session_start_is_journaled_with_the_arms_the_devices_are_worn_on()
    {
        var config = ServiceHarness.Config(_work.Path, new DeviceConfig { Id = "room-1-oximeter", Profile = "nonin-3150", Port = _pty!.PathB, Arm = "left" });
        string sessionId;
        await using (var service = await ServiceHarness.StartAsync(config, TimeProvider.System, _logs))
        {
            using var api = service.Client();
            sessionId = (await api.PostOkAsync("rooms/room-1/session", new { patientRef = "p-arms", prescriberId = "dr-lee", profile = "kap-sublingual" }))
                .GetProperty("sessionId").GetString()!;
        }

        // Replay reads the arms from here, not from a configuration that may have changed since.
        await using var journal = Journal.Open(new JournalOptions { Path = config.Journal.Path });
        var start = JsonDocument.Parse(journal.ReadSession(sessionId).First(r => r.Kind == "command").PayloadJson).RootElement;
        Assert.Equal("startSession", start.GetProperty("type").GetString());
        Assert.Equal("left", start.GetProperty("deviceArms").GetProperty("room-1-oximeter").GetString());
        _logs.AssertNoErrors();
    }

    public async Task DisposeAsync()
    {
        if (_pty is not null)
        {
            await _pty.DisposeAsync();
        }

        _work.Dispose();
        _logs.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using KapMonitor.Core.Time;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Client;
using KapMonitor.Service.Configuration;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Xunit.Abstractions;

namespace KapMonitor.Service.Tests.Integration;

/// <summary>The room event contract over a real mosquitto, including outages and a wrong password.</summary>
public sealed class MqttDeliveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestLoggerProvider _logs = new(output);
    private readonly TempDirectory _work = new("kapmon-mqtt");
    private PtyPair? _pty;

    public async Task InitializeAsync() => _pty = await PtyPair.StartAsync();

    [Fact]
    public async Task Events_raised_while_the_broker_is_down_arrive_afterwards_once_per_event_id_in_order()
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Persistence = true });
        var time = new ScaledTimeProvider(TimeProvider.System, 10);
        var config = ServiceHarness.Config(_work.Path, new DeviceConfig { Id = "room-1-oximeter", Profile = "nonin-3150", Port = _pty!.PathB });
        config.Mqtt = new MqttConfig { Host = broker.Host, Port = broker.Port, ProtocolVersion = "5.0" };

        // A tablet with a persistent session: the broker keeps its subscription and queues its QoS 1 messages.
        var received = new ConcurrentQueue<JsonElement>();
        await using var tablet = new MqttClient(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = "tablet-room-1",
            CleanStart = false,
            SessionExpiryInterval = 3600,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(200),
        });
        tablet.MessageHandler = (m, _) =>
        {
            received.Enqueue(JsonDocument.Parse(m.Payload).RootElement.Clone());
            return ValueTask.CompletedTask;
        };
        await tablet.ConnectAsync();
        await tablet.SubscribeAsync("kapmonitor/v1/test-site/room-1/alarms", MqttQualityOfService.AtLeastOnce);
        await tablet.SubscribeAsync("kapmonitor/v1/test-site/room-1/discharge", MqttQualityOfService.AtLeastOnce);

        await using var device = new Df8Device(_pty.PathA, time, TimeSpan.FromSeconds(1));
        await using var service = await ServiceHarness.StartAsync(config, time, _logs);
        using var api = service.Client();
        var sessionId = (await api.PostOkAsync("rooms/room-1/session", new { patientRef = "p-mqtt", prescriberId = "dr-lee", profile = "kap-sublingual" }))
            .GetProperty("sessionId").GetString()!;
        for (var i = 0; i < 5; i++)
        {
            await device.WriteAsync(97, 72);
        }

        await broker.StopAsync();
        _logs.Expect(e => e.Category.StartsWith("KapMonitor.Mqtt", StringComparison.Ordinal));
        // Raised, then acknowledged, entirely during the outage.
        await ApiExtensions.WaitUntilAsync(
            async () => (await api.GetOkAsync("rooms/room-1")).GetProperty("alarms").GetArrayLength() > 0,
            () => device.WriteAsync(82, 80), TimeSpan.FromSeconds(60), "an alarm during the outage");
        await api.PostOkAsync("rooms/room-1/alarms/acknowledge", new { });
        for (var i = 0; i < 5; i++)
        {
            await device.WriteAsync(97, 72);
        }

        var journaled = (await ServiceHarness.AuditAsync(service, sessionId))
            .Where(r => r.GetProperty("kind").GetString() == "decision")
            .Select(r => r.GetProperty("payload").GetProperty("type").GetString())
            .Count(t => t!.StartsWith("alarm", StringComparison.Ordinal) || t.StartsWith("discharge", StringComparison.Ordinal));
        Assert.True(journaled >= 2, "expected at least a raise and an acknowledgement during the outage");

        await broker.StartAgainAsync();
        await Eventually.TrueAsync(() => received.Count >= journaled,
            () => $"{journaled} alarm/discharge events after the broker came back (got {received.Count})", TimeSpan.FromSeconds(60));
        // A marker event after the outage: the room publishes in sequence order on one connection, so a
        // duplicate of anything earlier would arrive before the marker does.
        await api.PostOkAsync("rooms/room-1/alarms/pause-audio");
        await Eventually.TrueAsync(() => received.Any(e => e.GetProperty("type").GetString() == "alarm.audio-paused"),
            () => "the audio-paused marker event", TimeSpan.FromSeconds(30));

        var events = received.ToList();
        var ids = events.Select(e => e.GetProperty("eventId").GetString()).ToList();
        var seqs = events.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(seqs.Order(), seqs);
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "alarm.raised");
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "alarm.acknowledged");
        _logs.AssertNoErrors();
    }

    [Fact]
    public async Task A_wrong_broker_password_is_a_clear_error_and_the_service_keeps_journaling()
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Users = new Dictionary<string, string> { ["room-1"] = "right-password-1" } });
        var time = new ScaledTimeProvider(TimeProvider.System, 10);
        var config = ServiceHarness.Config(_work.Path, new DeviceConfig { Id = "room-1-oximeter", Profile = "nonin-3150", Port = _pty!.PathB });
        config.Mqtt = new MqttConfig { Host = broker.Host, Port = broker.Port, Username = "room-1", Password = "wrong-password" };
        _logs.Expect(e => e.Category.StartsWith("KapMonitor.Mqtt", StringComparison.Ordinal));

        await using var device = new Df8Device(_pty.PathA, time, TimeSpan.FromSeconds(1));
        await using (var service = await ServiceHarness.StartAsync(config, time, _logs))
        {
            using var api = service.Client();
            await api.PostOkAsync("rooms/room-1/session", new { patientRef = "p-pw", prescriberId = "dr-lee", profile = "kap-sublingual" });
            await ApiExtensions.WaitUntilAsync(
                () => Task.FromResult(_logs.Entries.Any(e => e.Message.Contains("refused the connection", StringComparison.Ordinal)
                    && (e.Message.Contains(nameof(KapMonitor.Mqtt.MqttReasonCode.BadUserNameOrPassword), StringComparison.Ordinal)
                        || e.Message.Contains(nameof(KapMonitor.Mqtt.MqttReasonCode.NotAuthorized), StringComparison.Ordinal)))),
                () => device.WriteAsync(97, 72), TimeSpan.FromSeconds(30), "a log entry naming the refused credentials");
            for (var i = 0; i < 10; i++)
            {
                await device.WriteAsync(97, 72);
            }
        }

        await using var journal = KapMonitor.Storage.Journal.Open(new KapMonitor.Storage.JournalOptions { Path = config.Journal.Path });
        Assert.True(journal.ReadObservations("room-1", 0, 1000).Count >= 10, "readings must be journaled while the broker refuses us");
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

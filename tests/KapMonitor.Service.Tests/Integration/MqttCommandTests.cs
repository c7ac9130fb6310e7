using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using KapMonitor.Core.Time;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Client;
using KapMonitor.Service.Configuration;
using KapMonitor.Service.Forwarding;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KapMonitor.Service.Tests.Integration;

/// <summary>Tablet acknowledgements over a real mosquitto (<c>mqtt.acceptCommands</c>, docs/mqtt-events.md).</summary>
public sealed class MqttCommandTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Prefix = "kapmonitor/v1/test-site/room-1";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly Teardown _teardown = new();
    private readonly TestLoggerProvider _logs = new(output);
    private readonly TempDirectory _work = new("kapmon-commands");
    private readonly ConcurrentQueue<JsonElement> _alarms = new();
    private readonly ConcurrentQueue<JsonElement> _results = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private MosquittoFixture? _broker;
    private PtyPair? _pty;

    public async Task InitializeAsync()
    {
        _teardown.Add(_logs);
        _teardown.Add(_work);
        _broker = _teardown.Add(await MosquittoFixture.StartAsync());
        _pty = _teardown.Add(await PtyPair.StartAsync());
    }

    [Fact]
    public async Task A_therapist_acknowledges_from_a_tablet_and_wrong_tokens_and_silencing_are_refused()
    {
        var time = new ScaledTimeProvider(TimeProvider.System, 10);
        var config = Config(acceptCommands: true, new DeviceConfig { Id = "room-1-oximeter", Profile = "nonin-3150", Port = _pty!.PathB });
        await using var tablet = await ConnectTabletAsync();
        await using var device = new Df8Device(_pty.PathA, time, TimeSpan.FromSeconds(1));
        await using var service = await ServiceHarness.StartAsync(config, time, _logs);
        using var api = service.Client();
        var sessionId = (await api.PostOkAsync("rooms/room-1/session", new { patientRef = "p-cmd", prescriberId = "dr-lee", profile = "kap-sublingual" }))
            .GetProperty("sessionId").GetString()!;
        var listener = Assert.Single(service.App.Services.GetRequiredService<List<RoomCommandListener>>());
        await Eventually.TrueAsync(() => listener.IsSubscribed, () => "the room's subscription to its commands", s_wait);

        for (var i = 0; i < 5; i++)
        {
            await device.WriteAsync(97, 72);
        }

        // SpO2 82 %: at or below the profile's critical limit.
        await ApiExtensions.WaitUntilAsync(() => Task.FromResult(_alarms.Any(e => Type(e) == "alarm.raised")), () => device.WriteAsync(82, 80), s_wait,
            "an SpO2 alarm on .../alarms");
        var alarmId = _alarms.First(e => Type(e) == "alarm.raised").GetProperty("data").GetProperty("alarm").GetProperty("id").GetString()!;

        var wrongToken = await CommandAsync(tablet, new { command = "acknowledge", alarmId, user = "therapist-ana", token = "not-her-token", requestId = "r-wrong" });
        AssertRefused(wrongToken, "unauthenticated");
        var otherUsersToken = await CommandAsync(tablet, new { command = "acknowledge", alarmId, user = "therapist-ana", token = ServiceHarness.PrescriberToken, requestId = "r-other" });
        AssertRefused(otherUsersToken, "unauthenticated");
        var silence = await CommandAsync(tablet, new { command = "silence", alarmId, user = "therapist-ana", token = ServiceHarness.TherapistToken, requestId = "r-silence" });
        AssertRefused(silence, "unsupported-command");
        var wrongType = await CommandAsync(tablet, new { command = "acknowledge", alarmId = 7, user = "therapist-ana", token = ServiceHarness.TherapistToken, requestId = "r-type" });
        AssertRefused(wrongType, "malformed");
        await tablet.PublishAsync(Command("{\"command\":\"acknowledge\",\"requestId\":\"r-broken\","));
        await Eventually.TrueAsync(() => _results.Any(r => RequestId(r) is null), () => "the result of a broken JSON command (no request id)", s_wait);
        AssertRefused(Assert.Single(_results, r => RequestId(r) is null), "malformed");
        var unknownAlarm = await CommandAsync(tablet, new { command = "acknowledge", alarmId = "no-such-alarm", user = "therapist-ana", token = ServiceHarness.TherapistToken, requestId = "r-unknown" });
        AssertRefused(unknownAlarm, "rejected");

        // None of those changed anything: the alarm is still unacknowledged.
        var alarm = (await api.GetOkAsync("rooms/room-1")).GetProperty("alarms").EnumerateArray().Single(a => a.GetProperty("id").GetString() == alarmId);
        Assert.False(alarm.TryGetProperty("acknowledgedBy", out _), alarm.GetRawText());

        var accepted = await CommandAsync(tablet, new { command = "acknowledge", alarmId, user = "therapist-ana", token = ServiceHarness.TherapistToken, requestId = "r-ok" });
        Assert.True(accepted.GetProperty("accepted").GetBoolean(), accepted.GetRawText());
        Assert.Equal(alarmId, accepted.GetProperty("alarmId").GetString());

        // The acknowledgement reaches tablets as the usual event from the outbox.
        await Eventually.TrueAsync(() => _alarms.Any(e => Type(e) == "alarm.acknowledged"), () => "alarm.acknowledged on .../alarms", s_wait);
        var acknowledged = Assert.Single(_alarms, e => Type(e) == "alarm.acknowledged").GetProperty("data");
        Assert.Equal((alarmId, "therapist-ana"), (acknowledged.GetProperty("alarmId").GetString(), acknowledged.GetProperty("by").GetString()));

        // Only the accepted command and the one the room refused reached the journal; nothing else did.
        var commands = (await ServiceHarness.AuditAsync(service, sessionId))
            .Where(r => r.GetProperty("kind").GetString() == "command" && r.GetProperty("payload").GetProperty("type").GetString() == "acknowledgeAlarm")
            .Select(r => r.GetProperty("payload").GetProperty("alarmId").GetString())
            .ToList();
        Assert.Equal(new string?[] { "no-such-alarm", alarmId }, commands);

        // No token and no patient reference on the wire or in the log.
        string[] secrets = [ServiceHarness.TherapistToken, ServiceHarness.PrescriberToken, "not-her-token"];
        foreach (var result in _results)
        {
            Assert.False(result.TryGetProperty("token", out _), result.GetRawText());
            Assert.DoesNotContain(secrets, s => result.GetRawText().Contains(s, StringComparison.Ordinal));
            Assert.DoesNotContain("p-cmd", result.GetRawText(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(_logs.Entries, e => secrets.Any(s => e.Message.Contains(s, StringComparison.Ordinal)));
        Assert.Contains(_logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("unsupported-command", StringComparison.Ordinal));
        Assert.Empty(_unexpected);
        _logs.AssertNoErrors();
    }

    [Fact]
    public async Task Without_acceptCommands_nothing_subscribes_and_a_command_changes_nothing()
    {
        var time = new ScaledTimeProvider(TimeProvider.System, 10);
        await using var tablet = await ConnectTabletAsync();
        await using var service = await ServiceHarness.StartAsync(Config(acceptCommands: false), time, _logs);
        using var api = service.Client();
        var sessionId = (await api.PostOkAsync("rooms/room-1/session", new { patientRef = "p-off", prescriberId = "dr-lee", profile = "kap-sublingual" }))
            .GetProperty("sessionId").GetString()!;
        var publisher = Assert.Single(service.App.Services.GetRequiredService<List<RoomMqttPublisher>>());
        await Eventually.TrueAsync(() => publisher.Client.State == MqttConnectionState.Connected, () => "the room's MQTT connection", s_wait);
        Assert.Null(service.App.Services.GetService<List<RoomCommandListener>>());

        // MQTT 5: the broker's PUBACK says whether anyone subscribed (0x10 No matching subscribers, 5.0 §3.4.2.1).
        var published = await tablet.PublishAsync(Command(new { command = "acknowledge", alarmId = "a-1", user = "therapist-ana", token = ServiceHarness.TherapistToken, requestId = "r-off" }));

        Assert.Equal(MqttReasonCode.NoMatchingSubscribers, published.ReasonCode);
        Assert.Empty(_results);
        Assert.DoesNotContain(await ServiceHarness.AuditAsync(service, sessionId), r => r.GetProperty("kind").GetString() == "command"
            && r.GetProperty("payload").GetProperty("type").GetString() == "acknowledgeAlarm");
        Assert.Empty(_unexpected);
        _logs.AssertNoErrors();
    }

    [Fact]
    public async Task The_command_subscription_survives_a_broker_restart()
    {
        var time = new ScaledTimeProvider(TimeProvider.System, 10);
        await using var tablet = await ConnectTabletAsync();
        await using var service = await ServiceHarness.StartAsync(Config(acceptCommands: true), time, _logs);
        var listener = Assert.Single(service.App.Services.GetRequiredService<List<RoomCommandListener>>());
        await Eventually.TrueAsync(() => listener.IsSubscribed, () => "the room's subscription to its commands", s_wait);
        AssertRefused(await CommandAsync(tablet, Acknowledgement("r-before")), "rejected"); // no session in the room

        _logs.Expect(e => e.Category.StartsWith("KapMonitor.Mqtt", StringComparison.Ordinal));
        await _broker!.StopAsync();
        await _broker.StartAgainAsync();

        // The broker kept nothing (no persistence, Clean Start): the room's client must subscribe again by itself.
        var attempt = 0;
        await Eventually.TrueAsync(
            async () => tablet.State == MqttConnectionState.Connected
                && (await tablet.PublishAsync(Command(Acknowledgement($"r-after-{++attempt}")))).ReasonCode != MqttReasonCode.NoMatchingSubscribers,
            () => "a subscriber to .../commands after the broker restart", s_wait);
        var after = await ResultAsync($"r-after-{attempt}");
        AssertRefused(after, "rejected");
        Assert.Contains("no session", after.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_unexpected);
        _logs.AssertNoErrors();
    }

    [Fact]
    public async Task An_mqtt5_request_is_answered_on_its_response_topic_with_its_correlation_data_but_never_outside_the_result_topic()
    {
        var time = new ScaledTimeProvider(TimeProvider.System, 10);
        var answers = new ConcurrentQueue<(string Topic, byte[]? Correlation, string? RequestId)>();
        await using var tablet = await ConnectTabletAsync();
        await using var requester = new MqttClient(new MqttClientOptions { Host = _broker!.Host, Port = _broker.Port, ClientId = "tablet-room-1-requests" });
        requester.MessageHandler = (m, _) =>
        {
            answers.Enqueue((m.Topic, m.CorrelationData?.ToArray(), JsonDocument.Parse(m.Payload).RootElement.GetProperty("requestId").GetString()));
            return ValueTask.CompletedTask;
        };
        await requester.ConnectAsync();
        await requester.SubscribeAsync($"{Prefix}/commands/result/#", MqttQualityOfService.AtLeastOnce);
        await using var service = await ServiceHarness.StartAsync(Config(acceptCommands: true), time, _logs);
        var listener = Assert.Single(service.App.Services.GetRequiredService<List<RoomCommandListener>>());
        await Eventually.TrueAsync(() => listener.IsSubscribed, () => "the room's subscription to its commands", s_wait);

        // A Response Topic below .../commands/result is honoured; one elsewhere (here .../alarms, which the room may
        // write) is not, and the answer goes to .../commands/result. Each answer carries its request's Correlation Data.
        (string RequestId, string? ResponseTopic, byte[] Correlation, string AnsweredOn)[] requests =
        [
            ("r-own", $"{Prefix}/commands/result/tab-3", [1, 2, 3], $"{Prefix}/commands/result/tab-3"),
            ("r-alarms", $"{Prefix}/alarms", [4], $"{Prefix}/commands/result"),
            ("r-prefix", $"{Prefix}/commands/resultant", [5], $"{Prefix}/commands/result"),
            ("r-none", null, [6, 7], $"{Prefix}/commands/result"),
        ];
        foreach (var request in requests)
        {
            var published = await tablet.PublishAsync(Command(Acknowledgement(request.RequestId)) with
            {
                ResponseTopic = request.ResponseTopic,
                CorrelationData = request.Correlation,
            });
            Assert.Equal(MqttReasonCode.Success, published.ReasonCode);
            await Eventually.TrueAsync(() => answers.Any(a => a.RequestId == request.RequestId), () => $"the answer to {request.RequestId}", s_wait);
            var answer = Assert.Single(answers, a => a.RequestId == request.RequestId);
            Assert.Equal(request.AnsweredOn, answer.Topic);
            Assert.Equal(request.Correlation, answer.Correlation);
        }

        // The tablet's own subscription to .../alarms saw nothing: no answer was published there.
        Assert.Empty(_alarms);
        Assert.Equal(2, _logs.Entries.Count(e => e.Message.Contains("outside the room's result topic", StringComparison.Ordinal)));
        _logs.AssertNoErrors();
    }

    private static object Acknowledgement(string requestId) =>
        new { command = "acknowledge", alarmId = "a-1", user = "therapist-ana", token = ServiceHarness.TherapistToken, requestId };

    private KapMonitorConfig Config(bool acceptCommands, params DeviceConfig[] devices)
    {
        var config = ServiceHarness.Config(_work.Path, devices);
        config.Mqtt = new MqttConfig { Host = _broker!.Host, Port = _broker.Port, ProtocolVersion = "5.0", AcceptCommands = acceptCommands };
        return config;
    }

    private async Task<MqttClient> ConnectTabletAsync()
    {
        var tablet = new MqttClient(new MqttClientOptions
        {
            Host = _broker!.Host,
            Port = _broker.Port,
            ClientId = "tablet-room-1",
            ReconnectMinDelay = TimeSpan.FromMilliseconds(200),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        });
        tablet.MessageHandler = (m, _) =>
        {
            var json = JsonDocument.Parse(m.Payload).RootElement.Clone();
            if (m.Topic == $"{Prefix}/alarms")
            {
                _alarms.Enqueue(json);
            }
            else if (m.Topic == $"{Prefix}/commands/result" && !m.Retain)
            {
                _results.Enqueue(json);
            }
            else
            {
                _unexpected.Enqueue($"{m.Topic} (retain {m.Retain}): {json.GetRawText()}");
            }

            return ValueTask.CompletedTask;
        };
        await tablet.ConnectAsync();
        await tablet.SubscribeAsync($"{Prefix}/alarms", MqttQualityOfService.AtLeastOnce);
        await tablet.SubscribeAsync($"{Prefix}/commands/result", MqttQualityOfService.AtLeastOnce);
        return tablet;
    }

    private static MqttApplicationMessage Command(object body) => Command(JsonSerializer.Serialize(body));

    private static MqttApplicationMessage Command(string json) => new()
    {
        Topic = $"{Prefix}/commands",
        Payload = Encoding.UTF8.GetBytes(json),
        QualityOfService = MqttQualityOfService.AtLeastOnce,
        ContentType = "application/json",
    };

    private Task<JsonElement> CommandAsync(MqttClient tablet, object body) =>
        CommandAsync(tablet, JsonSerializer.Serialize(body), (string)body.GetType().GetProperty("requestId")!.GetValue(body)!);

    private async Task<JsonElement> CommandAsync(MqttClient tablet, string json, string requestId)
    {
        var published = await tablet.PublishAsync(Command(json));
        Assert.Equal(MqttReasonCode.Success, published.ReasonCode); // Success, not "no matching subscribers": the room listens
        return await ResultAsync(requestId);
    }

    private async Task<JsonElement> ResultAsync(string requestId)
    {
        await Eventually.TrueAsync(() => _results.Any(r => RequestId(r) == requestId), () => $"the result of {requestId} on .../commands/result", s_wait);
        var result = Assert.Single(_results, r => RequestId(r) == requestId);
        Assert.Equal("kapmonitor.command-result/1", result.GetProperty("schema").GetString());
        return result;
    }

    private static string? RequestId(JsonElement result) => result.GetProperty("requestId").GetString();

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    private static void AssertRefused(JsonElement result, string reason)
    {
        Assert.False(result.GetProperty("accepted").GetBoolean(), result.GetRawText());
        Assert.Equal(reason, result.GetProperty("reason").GetString());
    }

    public Task DisposeAsync() => _teardown.DisposeAsync().AsTask();
}

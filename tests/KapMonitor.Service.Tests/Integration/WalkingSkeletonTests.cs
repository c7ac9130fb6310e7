using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KapMonitor.Core.Time;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Client;
using KapMonitor.Service.Configuration;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Xunit.Abstractions;

namespace KapMonitor.Service.Tests.Integration;

/// <summary>
/// The whole pipeline against real peers: a pulse oximeter's Nonin DF8 bytes go into a socat pty → the
/// service reads them through the in-house serial port → observations are journaled → they appear as
/// points in the real influxd → an SpO2 below the profile's limit raises an alarm that a real MQTT
/// subscriber receives from the real mosquitto.
/// </summary>
public sealed class WalkingSkeletonTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Teardown _teardown = new();
    private readonly TestLoggerProvider _logs = new(output);
    private readonly TempDirectory _work = new("kapmon-skeleton");
    private MosquittoFixture? _mosquitto;
    private InfluxFixture? _influx;
    private PtyPair? _pty;

    public async Task InitializeAsync()
    {
        _teardown.Add(_logs);
        _teardown.Add(_work);
        _mosquitto = _teardown.Add(await MosquittoFixture.StartAsync());
        _influx = _teardown.Add(await InfluxFixture.StartNewAsync());
        await _influx.CreateDatabaseAsync("kapmonitor");
        _pty = _teardown.Add(await PtyPair.StartAsync());
    }

    [Fact]
    public async Task Oximeter_bytes_on_a_pty_reach_influxdb_and_a_low_spo2_alarm_reaches_an_mqtt_subscriber()
    {
        // Ten times real time, so the profile's 10-15 s alarm delays take about a second and a half.
        var time = new ScaledTimeProvider(TimeProvider.System, 10);
        var config = ServiceHarness.Config(_work.Path, new DeviceConfig { Id = "room-1-oximeter", Profile = "nonin-3150", Port = _pty!.PathB });
        config.Mqtt = new MqttConfig { Host = _mosquitto!.Host, Port = _mosquitto.Port, ProtocolVersion = "5.0" };
        config.Influx = new InfluxConfig { Api = "v1", Url = _influx!.Url.ToString(), Database = "kapmonitor", Gzip = true };

        var alarms = new ConcurrentQueue<JsonDocument>();
        await using var subscriber = new MqttClient(new MqttClientOptions { Host = _mosquitto.Host, Port = _mosquitto.Port, ClientId = "skeleton-tablet" });
        subscriber.MessageHandler = (message, _) =>
        {
            alarms.Enqueue(JsonDocument.Parse(message.Payload));
            return ValueTask.CompletedTask;
        };
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("kapmonitor/v1/test-site/room-1/alarms", MqttQualityOfService.AtLeastOnce);

        await using var service = await ServiceHarness.StartAsync(config, time, _logs);
        using var therapist = service.Client();
        using (var start = await therapist.PostAsJsonAsync("rooms/room-1/session", new { patientRef = "p-0001", prescriberId = "dr-lee", profile = "kap-sublingual" }))
        {
            Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        }

        // One Nonin DF8 frame per device second, on the service's clock.
        await using var device = new Df8Device(_pty.PathA, time, TimeSpan.FromSeconds(1));
        for (var i = 0; i < 10; i++)
        {
            await device.WriteAsync(97, 72);
        }

        // SpO2 82 %: at or below the profile's critical 85 %.
        await ApiExtensions.WaitUntilAsync(() => Task.FromResult(alarms.Any(IsSpo2AlarmRaised)), () => device.WriteAsync(82, 80), TimeSpan.FromSeconds(60),
            "an SpO2 alarm at the MQTT subscriber");

        var alarm = alarms.First(IsSpo2AlarmRaised).RootElement;
        Assert.Equal("kapmonitor.event/1", alarm.GetProperty("schema").GetString());
        Assert.Equal("room-1", alarm.GetProperty("room").GetString());
        Assert.StartsWith("test-site/room-1/", alarm.GetProperty("eventId").GetString(), StringComparison.Ordinal);
        Assert.False(alarm.GetRawText().Contains("p-0001", StringComparison.Ordinal), "The patient reference must not be published.");

        // The readings are points in the real InfluxDB (store-and-forward from the journal).
        long points = 0;
        await Eventually.TrueAsync(async () => (points = await _influx.CountAsync("kapmonitor", "vitals", "value")) >= 10,
            () => $"Only {points} vitals points reached InfluxDB.", TimeSpan.FromSeconds(60));
        _logs.AssertNoErrors();
    }

    private static bool IsSpo2AlarmRaised(JsonDocument doc) =>
        doc.RootElement.GetProperty("type").GetString() == "alarm.raised"
        && doc.RootElement.GetProperty("data").GetProperty("alarm").GetProperty("metric").GetString() == "spo2";

    public Task DisposeAsync() => _teardown.DisposeAsync().AsTask();
}

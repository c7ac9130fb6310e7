using System.Net.Http.Headers;
using System.Net.Http.Json;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Client;
using KapMonitor.Service;
using KapMonitor.Service.Api.Auth;
using KapMonitor.Service.Configuration;
using KapMonitor.Storage;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Benchmarks.Pipeline;

/// <summary>
/// The whole service in-process against real peers, as deployed: mosquitto, influxd, a pty playing a Nonin 3150
/// (DF8; a <see cref="DevicePty"/>), the journal on disk (fsync), InfluxDB store-and-forward and per-room MQTT events and
/// vitals; plus a tablet-side MQTT subscriber on the room's alarms topic.
/// </summary>
internal sealed class PipelineRig : IAsyncDisposable
{
    public const string Site = "bench-site";
    public const string Room = "room-1";
    private const string TherapistToken = "bench-therapist-token-0123456789";

    private readonly Teardown _teardown = new();
    private readonly TempDirectory _work;
    private WebApplication? _app;
    private FileStream? _device;

    private PipelineRig()
    {
        _work = new TempDirectory("kapmon-bench");
        _teardown.Add(_work);
    }

    public ReadingCounter Counter { get; } = new();

    public AlarmListener Alarms { get; } = new();

    /// <summary>
    /// True once InfluxDB has everything the room journaled (or the run leaves InfluxDB out). Reads one cursor row,
    /// so polling it costs the pipeline next to nothing (a backlog count would scan the unforwarded rows).
    /// </summary>
    public bool InfluxCaughtUp()
    {
        if (_app!.Services.GetService<InfluxForwarder>() is not { } forwarder)
        {
            return true;
        }

        var journal = _app.Services.GetRequiredService<Journal>();
        return journal.GetCursor(forwarder.CursorName, Room) >= journal.LastSeq(Room);
    }

    /// <summary>The device end of the pty, unbuffered: each <see cref="Stream.Write(ReadOnlySpan{byte})"/> is one write(2).</summary>
    public FileStream Device => _device!;

    /// <summary>
    /// Starts the peers and the service; <paramref name="influx"/> false leaves InfluxDB out (to isolate its share),
    /// <paramref name="socat"/> true puts socat's relay between the device and the tty, as in the tests.
    /// </summary>
    public static async Task<PipelineRig> StartAsync(bool influx, bool socat)
    {
        var rig = new PipelineRig();
        try
        {
            await rig.StartCoreAsync(influx, socat);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(bool influx, bool socat)
    {
        var mosquitto = _teardown.Add(await MosquittoFixture.StartAsync());
        InfluxFixture? influxd = null;
        if (influx)
        {
            influxd = _teardown.Add(await InfluxFixture.StartNewAsync());
            await influxd.CreateDatabaseAsync("kapmonitor");
        }

        var pty = _teardown.Add(await DevicePty.OpenAsync(socat));

        var profiles = Directory.CreateDirectory(_work.Combine("protocol-profiles")).FullName;
        BenchProfile.WriteTo(profiles);
        var config = new KapMonitorConfig
        {
            Site = Site,
            Journal = new JournalConfig { Path = _work.Combine("journal.db") },
            DeviceProfiles = RepoPaths.Combine("device-profiles"),
            ProtocolProfiles = profiles,
            Mqtt = new MqttConfig { Host = mosquitto.Host, Port = mosquitto.Port, ProtocolVersion = "5.0" },
            Influx = influxd is null ? null : new InfluxConfig { Api = "v1", Url = influxd.Url.ToString(), Database = "kapmonitor", Gzip = true },
            Rooms = [new RoomConfig { Id = Room, Devices = [new DeviceConfig { Id = "room-1-oximeter", Profile = "nonin-3150", Port = pty.TtyPath }] }],
        };

        var subscriber = _teardown.Add(new MqttClient(new MqttClientOptions { Host = mosquitto.Host, Port = mosquitto.Port, ClientId = "bench-tablet" })
        {
            MessageHandler = Alarms.OnMessageAsync,
        });
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync($"kapmonitor/v1/{Site}/{Room}/alarms", MqttQualityOfService.AtLeastOnce);

        var options = new ServiceHostOptions
        {
            Users = new UserStore(
            [
                new UserRecord { Name = "therapist-bench", Role = Roles.Therapist, TokenHash = PasswordHash.HashToken(TherapistToken) },
                new UserRecord { Name = "dr-bench", Role = Roles.Prescriber, TokenHash = PasswordHash.HashToken("bench-prescriber-token-0123456789") },
            ]),
            Urls = "http://127.0.0.1:0",
            Logging = b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning),
        };
        options.Observers.Add(Counter);
        var app = ServiceHost.Build(config, options);
        _app = app;
        _teardown.Add(async () =>
        {
            await app.StopAsync();
            await app.DisposeAsync();
        });
        await app.StartAsync();

        _device = pty.Device;
        await StartSessionAsync();
    }

    private async Task StartSessionAsync()
    {
        var address = _app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(new Uri(address), "/api/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TherapistToken);
        using var start = await client.PostAsJsonAsync($"rooms/{Room}/session", new { patientRef = "bench-0001", prescriberId = "dr-bench", profile = BenchProfile.Id });
        if (!start.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Starting the session failed: {(int)start.StatusCode} {await start.Content.ReadAsStringAsync()}");
        }
    }

    public ValueTask DisposeAsync() => _teardown.DisposeAsync();
}

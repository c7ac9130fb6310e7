using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Client;
using KapMonitor.Service.Configuration;
using KapMonitor.Storage;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;

namespace KapMonitor.Service.Tests.Integration;

/// <summary>kill -9 of the service process: the broker's Will marks the room offline, and a restart loses or duplicates nothing journaled.</summary>
public sealed class KillTests : IAsyncLifetime
{
    private readonly TempDirectory _work = new("kapmon-kill");
    private PtyPair? _pty;

    public async Task InitializeAsync() => _pty = await PtyPair.StartAsync();

    [Fact]
    public async Task Killing_the_service_turns_the_retained_status_offline_and_a_restart_loses_nothing_journaled()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        var httpPort = FreePort.Next();
        var config = ServiceHarness.Config(_work.Path, new DeviceConfig { Id = "room-1-oximeter", Profile = "nonin-3150", Port = _pty!.PathB });
        config.HttpUrls = $"http://127.0.0.1:{httpPort}";
        config.Mqtt = new MqttConfig { Host = broker.Host, Port = broker.Port, KeepAliveSeconds = 5 };
        var configPath = ServiceProcess.WriteConfig(_work.Path, config);

        var status = new ConcurrentQueue<string>();
        await using var board = new MqttClient(new MqttClientOptions { Host = broker.Host, Port = broker.Port, ClientId = "central-board" });
        board.MessageHandler = (m, _) =>
        {
            status.Enqueue(JsonDocument.Parse(m.Payload).RootElement.GetProperty("state").GetString()!);
            return ValueTask.CompletedTask;
        };
        await board.ConnectAsync();
        await board.SubscribeAsync("kapmonitor/v1/test-site/room-1/status", MqttQualityOfService.AtLeastOnce);

        await using var device = new Df8Device(_pty.PathA, TimeProvider.System, TimeSpan.FromMilliseconds(5));
        long journaledBeforeKill;
        await using (var service = await ServiceProcess.StartAsync(configPath, httpPort))
        {
            await ApiExtensions.WaitUntilAsync(() => Task.FromResult(status.Contains("online")), () => device.WriteAsync(97, 72), TimeSpan.FromSeconds(30), "the online status");
            for (var i = 0; i < 200; i++)
            {
                await device.WriteAsync(90 + (i % 8), 70);
            }

            // Kill only once the group commit (100 ms window) has made every written reading durable.
            await Eventually.TrueAsync(() => CountObservations(config.Journal.Path) >= device.Frames, () => "readings not journaled before the kill");
            await service.KillAsync();
            journaledBeforeKill = CountObservations(config.Journal.Path);
        }

        await Eventually.TrueAsync(() => status.Contains("offline"), () => "the Will's offline status (keep-alive 5 s, so the broker notices within 7.5 s)", TimeSpan.FromSeconds(30));

        await using (var restarted = await ServiceProcess.StartAsync(configPath, httpPort))
        {
            await ApiExtensions.WaitUntilAsync(() => Task.FromResult(status.Count(s => s == "online") >= 2), () => device.WriteAsync(97, 72), TimeSpan.FromSeconds(30), "online again");
            for (var i = 0; i < 50; i++)
            {
                await device.WriteAsync(96, 71);
            }

            await Eventually.TrueAsync(() => CountObservations(config.Journal.Path) >= journaledBeforeKill + 50, () => "readings after the restart not journaled");
            await restarted.StopAsync();
        }

        await using var journal = Journal.Open(new JournalOptions { Path = config.Journal.Path });
        var observations = journal.ReadObservations("room-1", 0, 100_000);
        var seqs = observations.Select(o => o.Seq).ToList();
        Assert.True(journaledBeforeKill >= 200, $"only {journaledBeforeKill} readings were journaled before the kill");
        Assert.True(observations.Count >= journaledBeforeKill + 50, "readings after the restart are missing");
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        Assert.Equal(seqs.Order(), seqs);
        var output = new StringWriter();
        Assert.True(AuditVerifyTool.Run(config.Journal.Path, output) == 0, output.ToString());
    }

    private static long CountObservations(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM observations";
        return (long)command.ExecuteScalar()!;
    }

    public async Task DisposeAsync()
    {
        if (_pty is not null)
        {
            await _pty.DisposeAsync();
        }

        _work.Dispose();
    }
}

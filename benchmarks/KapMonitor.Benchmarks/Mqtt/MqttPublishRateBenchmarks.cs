using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Client;

namespace KapMonitor.Benchmarks.Mqtt;

/// <summary>
/// Publish throughput to a local mosquitto (started here on a free loopback port; needs the Debian package
/// mosquitto). Each invocation publishes <see cref="Batch"/> messages; results are per message.
/// </summary>
[MemoryDiagnoser]
public class MqttPublishRateBenchmarks
{
    private const int Batch = 1000;
    private readonly MqttApplicationMessage[] _qos0 = new MqttApplicationMessage[Batch];
    private readonly MqttApplicationMessage[] _qos1 = new MqttApplicationMessage[Batch];
    private readonly Task<MqttPublishResult>[] _tasks = new Task<MqttPublishResult>[Batch];
    private Process? _broker;
    private string? _dir;
    private MqttClient _client = null!;

    [Params(MqttProtocolVersion.V311, MqttProtocolVersion.V500)]
    public MqttProtocolVersion Version { get; set; }

    // Synchronous wrappers: setup must have finished before the first invocation, whatever the toolchain.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var port = FreePort();
        _dir = Directory.CreateTempSubdirectory("kap-mqtt-bench").FullName;
        var config = Path.Combine(_dir, "mosquitto.conf");
        await File.WriteAllLinesAsync(config, [$"listener {port} 127.0.0.1", "allow_anonymous true", "persistence false", Environment.UserName == "root" ? "user root" : ""]);
        _broker = Process.Start(new ProcessStartInfo("mosquitto", ["-c", config]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("mosquitto did not start; install it with: apt-get install -y mosquitto");
        _client = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = port, ClientId = "bench", ProtocolVersion = Version, MaximumInflight = 100 });
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _client.ConnectAsync();
                break;
            }
            catch (MqttCommunicationException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }

        var payload = """{"spo2":97,"pr":72}"""u8.ToArray();
        for (var i = 0; i < Batch; i++)
        {
            _qos0[i] = new MqttApplicationMessage { Topic = "kapmonitor/v1/bench/room-1/vitals", Payload = payload };
            _qos1[i] = _qos0[i] with { QualityOfService = MqttQualityOfService.AtLeastOnce };
        }
    }

    private async Task CleanupAsync()
    {
        await _client.DisposeAsync();
        _broker?.Kill(entireProcessTree: true);
        _broker?.Dispose();
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task PublishQos0() => PublishAllAsync(_qos0);

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task PublishQos1() => PublishAllAsync(_qos1);

    private async Task PublishAllAsync(MqttApplicationMessage[] messages)
    {
        for (var i = 0; i < messages.Length; i++)
        {
            _tasks[i] = _client.PublishAsync(messages[i]);
        }

        await Task.WhenAll(_tasks);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

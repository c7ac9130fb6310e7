using System.Text;
using System.Threading.Channels;
using KapMonitor.Mqtt.Client;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace KapMonitor.Mqtt.Tests.Integration;

/// <summary>Shared plumbing for tests against a real mosquitto: clients with a failing logger, inboxes, polling.</summary>
public abstract class BrokerTestBase(ITestOutputHelper output) : IAsyncLifetime
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly List<MqttClient> _clients = [];
    private readonly List<MosquittoFixture> _brokers = [];

    protected TestLoggerProvider Logs { get; } = new(output);

    protected ITestOutputHelper Output { get; } = output;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (var broker in _brokers)
        {
            Output.WriteLine("mosquitto log:\n" + broker.LogTail);
            await broker.DisposeAsync();
        }

        Logs.AssertNoErrors();
        Logs.Dispose();
    }

    protected async Task<MosquittoFixture> StartBrokerAsync(MosquittoOptions? options = null)
    {
        var broker = await MosquittoFixture.StartAsync(options);
        _brokers.Add(broker);
        return broker;
    }

    protected MqttClient Client(MosquittoFixture broker, MqttProtocolVersion version, Func<MqttClientOptions, MqttClientOptions>? configure = null)
    {
        var options = new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = $"it-{Guid.NewGuid():N}"[..16],
            ProtocolVersion = version,
            KeepAlive = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        };
        var client = new MqttClient(configure is null ? options : configure(options), new LoggerFactory([Logs]).CreateLogger<MqttClient>());
        _clients.Add(client);
        return client;
    }

    protected static ChannelReader<MqttApplicationMessage> Inbox(MqttClient client)
    {
        var inbox = Channel.CreateUnbounded<MqttApplicationMessage>();
        client.MessageHandler = (message, _) =>
        {
            inbox.Writer.TryWrite(message);
            return ValueTask.CompletedTask;
        };
        return inbox.Reader;
    }

    protected static async Task<MqttApplicationMessage> NextAsync(ChannelReader<MqttApplicationMessage> inbox) =>
        await inbox.ReadAsync().AsTask().WaitAsync(Timeout);

    protected static MqttApplicationMessage Message(string topic, string payload, MqttQualityOfService qos, bool retain = false) =>
        new() { Topic = topic, Payload = Encoding.UTF8.GetBytes(payload), QualityOfService = qos, Retain = retain };

    protected static string Text(MqttApplicationMessage message) => Encoding.UTF8.GetString(message.Payload.Span);

    protected static string UniqueTopic(string prefix) => $"kap/it/{prefix}/{Guid.NewGuid():N}";

    /// <summary>Polls <paramref name="condition"/> on real time (integration tests wait on real I/O).</summary>
    protected static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }
}

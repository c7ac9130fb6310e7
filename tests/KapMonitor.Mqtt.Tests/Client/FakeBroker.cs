using System.Threading.Channels;
using KapMonitor.Mqtt.Client;
using KapMonitor.Testing;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Mqtt.Tests.Client;

/// <summary>Builds clients whose every connection is a <see cref="FakeChannel"/> the test can script.</summary>
internal sealed class FakeBroker(MqttProtocolVersion version)
{
    private static readonly TimeSpan s_ioTimeout = TimeSpan.FromSeconds(30);
    private readonly Channel<FakeChannel> _connections = Channel.CreateUnbounded<FakeChannel>();

    public MqttClientOptions Options(Func<MqttClientOptions, MqttClientOptions>? configure = null)
    {
        var options = new MqttClientOptions
        {
            Host = "fake.invalid",
            ClientId = "unit",
            ProtocolVersion = version,
            KeepAlive = TimeSpan.Zero,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(1),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(5),
            ChannelFactory = _ =>
            {
                var channel = new FakeChannel(version);
                _connections.Writer.TryWrite(channel);
                return channel;
            },
        };
        return configure is null ? options : configure(options);
    }

    public MqttClient Client(TestLoggerProvider logs, Func<MqttClientOptions, MqttClientOptions>? configure = null) =>
        new(Options(configure), new LoggerFactory([logs]).CreateLogger<MqttClient>());

    public async Task<FakeChannel> NextConnectionAsync() => await _connections.Reader.ReadAsync().AsTask().WaitAsync(s_ioTimeout);

    /// <summary>Connects <paramref name="client"/> through a fresh fake connection that accepts it.</summary>
    public async Task<FakeChannel> ConnectAsync(MqttClient client, bool sessionPresent = false, MqttProperties? properties = null)
    {
        var connecting = client.ConnectAsync();
        var channel = await NextConnectionAsync();
        await channel.AcceptAsync(sessionPresent, properties);
        await connecting.WaitAsync(s_ioTimeout);
        return channel;
    }
}

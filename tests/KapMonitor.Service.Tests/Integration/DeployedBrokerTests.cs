using System.Collections.Concurrent;
using System.Text;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Channels;
using KapMonitor.Mqtt.Client;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Xunit.Abstractions;

namespace KapMonitor.Service.Tests.Integration;

/// <summary>
/// The broker configuration shipped in <c>deploy/mosquitto</c>, included from a Debian-like main configuration as its
/// install notes say, in a real mosquitto: TLS only, per-user passwords, and the topic ACLs (what a room's edge device,
/// its tablet and the central board may each write and read), checked by the broker's PUBACK and by delivery.
/// </summary>
public sealed class DeployedBrokerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Room = "kapmonitor/v1/clinic-a/room-1";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private readonly Teardown _teardown = new();
    private MosquittoFixture? _broker;

    public async Task InitializeAsync()
    {
        _broker = _teardown.Add(await MosquittoFixture.StartDeployedAsync(RepoPaths.Combine("deploy", "mosquitto"),
            new Dictionary<string, string> { ["room-1"] = "edge-pw", ["tablet-room-1"] = "tablet-pw", ["central-board"] = "board-pw" }));
    }

    [Fact]
    public async Task Only_tls_with_a_known_user_and_password_gets_in()
    {
        await using var good = Client("room-1", "edge-pw");
        await good.ConnectAsync();
        Assert.Equal(MqttConnectionState.Connected, good.State);

        await using var wrongPassword = Client("room-1", "not-the-password");
        var refused = await Assert.ThrowsAsync<MqttConnectException>(() => wrongPassword.ConnectAsync());
        Assert.Contains(refused.ReasonCode, new[] { MqttReasonCode.BadUserNameOrPassword, MqttReasonCode.NotAuthorized });

        await using var anonymous = Client(null, null);
        var noUser = await Assert.ThrowsAsync<MqttConnectException>(() => anonymous.ConnectAsync());
        Assert.Contains(noUser.ReasonCode, new[] { MqttReasonCode.BadUserNameOrPassword, MqttReasonCode.NotAuthorized });

        // Plain MQTT on the TLS port: the broker takes the CONNECT as a bad TLS handshake and drops the connection.
        await using var plain = new MqttClient(Options("room-1", "edge-pw") with { Tls = null, AutoReconnect = false });
        var dropped = await Assert.ThrowsAnyAsync<MqttException>(() => plain.ConnectAsync());
        output.WriteLine($"plain MQTT: {dropped.GetType().Name}: {dropped.Message}");
    }

    [Fact]
    public async Task Each_user_writes_and_reads_only_what_the_shipped_acl_allows()
    {
        var (edge, edgeGot) = await ConnectAsync("room-1", "edge-pw", $"{Room}/commands");
        var (tablet, tabletGot) = await ConnectAsync("tablet-room-1", "tablet-pw", $"{Room}/#");
        var (_, boardGot) = await ConnectAsync("central-board", "board-pw", "kapmonitor/v1/clinic-a/#");

        // The edge device answers a command below .../commands/result (an MQTT 5 Response Topic) and on it.
        Assert.NotEqual(MqttReasonCode.NotAuthorized, (await Publish(edge, $"{Room}/commands/result/tab-3")).ReasonCode);
        Assert.NotEqual(MqttReasonCode.NotAuthorized, (await Publish(edge, $"{Room}/commands/result")).ReasonCode);
        await Arrives(tabletGot, $"{Room}/commands/result/tab-3", $"{Room}/commands/result");
        await Arrives(boardGot, $"{Room}/commands/result/tab-3", $"{Room}/commands/result");

        // A tablet's command reaches the edge device only: commands carry API tokens.
        Assert.NotEqual(MqttReasonCode.NotAuthorized, (await Publish(tablet, $"{Room}/commands")).ReasonCode);
        await Arrives(edgeGot, $"{Room}/commands");

        // The edge device may not write another room's topics, nor the tablet an event topic (MQTT 5: the PUBACK says so).
        Assert.Equal(MqttReasonCode.NotAuthorized, (await Publish(edge, "kapmonitor/v1/clinic-a/room-2/alarms")).ReasonCode);
        Assert.Equal(MqttReasonCode.NotAuthorized, (await Publish(tablet, $"{Room}/alarms")).ReasonCode);

        // A marker after the negative cases: once it is in, anything sent before it would be too.
        await Publish(edge, $"{Room}/status");
        await Arrives(tabletGot, $"{Room}/status");
        await Arrives(boardGot, $"{Room}/status");
        Assert.Equal([$"{Room}/commands/result/tab-3", $"{Room}/commands/result", $"{Room}/status"], tabletGot);
        Assert.Equal([$"{Room}/commands/result/tab-3", $"{Room}/commands/result", $"{Room}/status"], boardGot);
        Assert.Equal([$"{Room}/commands"], edgeGot);
    }

    private MqttClientOptions Options(string? user, string? password) => new()
    {
        Host = _broker!.Host,
        Port = _broker.Port,
        ClientId = user ?? "anonymous",
        UserName = user,
        Password = password,
        Tls = new MqttTlsOptions { CaCertificateFile = _broker.CaCertificateFile },
    };

    private MqttClient Client(string? user, string? password) => new(Options(user, password) with { AutoReconnect = false });

    private async Task<(MqttClient Client, ConcurrentQueue<string> Received)> ConnectAsync(string user, string password, string filter)
    {
        var received = new ConcurrentQueue<string>();
        var client = _teardown.Add(new MqttClient(Options(user, password)));
        client.MessageHandler = (m, _) =>
        {
            received.Enqueue(m.Topic);
            return ValueTask.CompletedTask;
        };
        await client.ConnectAsync();
        await client.SubscribeAsync(filter, MqttQualityOfService.AtLeastOnce);
        return (client, received);
    }

    private static Task<MqttPublishResult> Publish(MqttClient client, string topic) => client.PublishAsync(new MqttApplicationMessage
    {
        Topic = topic,
        Payload = Encoding.UTF8.GetBytes("{}"),
        QualityOfService = MqttQualityOfService.AtLeastOnce,
    });

    private static Task Arrives(ConcurrentQueue<string> received, params string[] topics) =>
        Eventually.TrueAsync(() => topics.All(received.Contains), () => $"{string.Join(", ", topics)} among [{string.Join(", ", received)}]", s_wait);

    public Task DisposeAsync() => _teardown.DisposeAsync().AsTask();
}

using KapMonitor.Mqtt.Client;
using KapMonitor.Mqtt.Packets;
using KapMonitor.Testing;
using Xunit.Abstractions;

namespace KapMonitor.Mqtt.Tests.Client;

/// <summary>Server limits, refusals and the two ways of leaving (MQTT 5.0 §3.2.2.3.6, §3.14, §4.4).</summary>
public sealed class MqttClientLimitsTests(ITestOutputHelper output) : FakeBrokerTestBase(output)
{
    private static MqttApplicationMessage SizedMessage(string topic, MqttQualityOfService qos, int size = 1) =>
        new() { Topic = topic, Payload = new byte[size], QualityOfService = qos };

    [Fact]
    public async Task Maximum_packet_size_of_the_server_is_honoured()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs);
        var channel = await broker.ConnectAsync(client, properties: new MqttProperties { MaximumPacketSize = 64 });

        var tooBig = await client.PublishAsync(SizedMessage("t", MqttQualityOfService.AtLeastOnce, size: 100)).WaitAsync(Timeout);
        Assert.Equal(MqttReasonCode.PacketTooLarge, tooBig.ReasonCode);
        Assert.False(tooBig.IsSuccess);
        Assert.Contains("64", tooBig.ReasonString, StringComparison.Ordinal);
        var tooBigQos0 = await client.PublishAsync(SizedMessage("t", MqttQualityOfService.AtMostOnce, size: 100)).WaitAsync(Timeout);
        Assert.Equal(MqttReasonCode.PacketTooLarge, tooBigQos0.ReasonCode);

        var fits = client.PublishAsync(SizedMessage("t", MqttQualityOfService.AtLeastOnce, size: 10));
        var publish = await channel.NextSentAsync<MqttPublishPacket>();
        Assert.Equal(10, publish.Payload.Length);
        channel.Reply(new MqttPubAckPacket { PacketId = publish.PacketId });
        Assert.True((await fits.WaitAsync(Timeout)).IsSuccess);
    }

    [Fact]
    public async Task Pubrec_refusal_completes_the_flow_without_pubrel()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs);
        var channel = await broker.ConnectAsync(client);

        var publishing = client.PublishAsync(SizedMessage("t", MqttQualityOfService.ExactlyOnce));
        var publish = await channel.NextSentAsync<MqttPublishPacket>();
        channel.Reply(new MqttPubRecPacket { PacketId = publish.PacketId, ReasonCode = MqttReasonCode.NotAuthorized });
        var result = await publishing.WaitAsync(Timeout);
        Assert.Equal(MqttReasonCode.NotAuthorized, result.ReasonCode);

        // [MQTT-4.4.0-2] 5.0: acknowledged and not retransmitted; the next thing on the wire is the marker.
        await client.PublishAsync(SizedMessage("marker", MqttQualityOfService.AtMostOnce)).WaitAsync(Timeout);
        Assert.Equal("marker", (await channel.NextSentAsync<MqttPublishPacket>()).Topic);
    }

    [Fact]
    public async Task Graceful_disconnect_sends_disconnect_with_the_reason_and_stops()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs);
        var channel = await broker.ConnectAsync(client);

        await client.DisconnectAsync(MqttReasonCode.DisconnectWithWillMessage).WaitAsync(Timeout);
        Assert.Equal(MqttReasonCode.DisconnectWithWillMessage, (await channel.NextSentAsync<MqttDisconnectPacket>()).ReasonCode);
        Assert.Equal(MqttConnectionState.Stopped, client.State);
        Assert.True(channel.Disposed);
    }

    [Fact]
    public async Task Abort_closes_without_disconnect()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V311);
        await using var client = broker.Client(Logs);
        var channel = await broker.ConnectAsync(client);

        await client.AbortAsync().WaitAsync(Timeout);
        Assert.True(channel.Disposed);
        Assert.False(channel.TryTakeSent(out _));
        Assert.Equal(MqttConnectionState.Stopped, client.State);
    }

    [Fact]
    public async Task Failed_first_connect_reports_disconnected_and_can_be_retried()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V311);
        await using var client = broker.Client(Logs);
        var connecting = client.ConnectAsync();
        var channel = await broker.NextConnectionAsync();
        await channel.NextSentAsync<MqttConnectPacket>();
        channel.Reply(new MqttConnAckPacket { ReasonCode = MqttReasonCode.ServerUnavailable });
        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => connecting.WaitAsync(Timeout));
        Assert.Equal(MqttReasonCode.ServerUnavailable, ex.ReasonCode);
        Assert.Equal(MqttConnectionState.Disconnected, client.State);

        await broker.ConnectAsync(client);
        Assert.Equal(MqttConnectionState.Connected, client.State);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Granted_subscriptions_are_restored_only_when_the_broker_lost_the_session(bool sessionPresent)
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs, o => o with { CleanStart = false, SessionExpiryInterval = 60 });
        var channel = await broker.ConnectAsync(client);
        var subscribing = client.SubscribeAsync(
            [new MqttSubscription { TopicFilter = "a/#", QualityOfService = MqttQualityOfService.AtLeastOnce },
             new MqttSubscription { TopicFilter = "refused", QualityOfService = MqttQualityOfService.AtLeastOnce }]);
        var subscribe = await channel.NextSentAsync<MqttSubscribePacket>();
        channel.Reply(new MqttSubAckPacket { PacketId = subscribe.PacketId, ReasonCodes = [MqttReasonCode.GrantedQoS1, MqttReasonCode.NotAuthorized] });
        await subscribing.WaitAsync(Timeout);
        channel.CloseFromBroker();

        var second = await broker.NextConnectionAsync();
        await second.AcceptAsync(sessionPresent);
        var deadline = DateTime.UtcNow + Timeout;
        while (client.State != MqttConnectionState.Connected)
        {
            Assert.True(DateTime.UtcNow < deadline, "the client did not reconnect");
            await Task.Delay(5);
        }

        await client.PublishAsync(SizedMessage("marker", MqttQualityOfService.AtMostOnce)).WaitAsync(Timeout);
        var next = await second.NextSentAsync();
        if (sessionPresent)
        {
            Assert.Equal("marker", Assert.IsType<MqttPublishPacket>(next).Topic);
        }
        else
        {
            var restored = Assert.IsType<MqttSubscribePacket>(next);
            Assert.Equal(("a/#", MqttQualityOfService.AtLeastOnce), (Assert.Single(restored.Subscriptions).TopicFilter, restored.Subscriptions[0].QualityOfService));
            second.Reply(new MqttSubAckPacket { PacketId = restored.PacketId, ReasonCodes = [MqttReasonCode.GrantedQoS1] });
        }
    }

    [Fact]
    public async Task Subscribe_returns_granted_qos_per_filter()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V311);
        await using var client = broker.Client(Logs);
        var channel = await broker.ConnectAsync(client);

        var subscribing = client.SubscribeAsync(
            [new MqttSubscription { TopicFilter = "a/#", QualityOfService = MqttQualityOfService.ExactlyOnce },
             new MqttSubscription { TopicFilter = "b/+", QualityOfService = MqttQualityOfService.AtLeastOnce }]);
        var subscribe = await channel.NextSentAsync<MqttSubscribePacket>();
        channel.Reply(new MqttSubAckPacket { PacketId = subscribe.PacketId, ReasonCodes = [MqttReasonCode.GrantedQoS1, MqttReasonCode.UnspecifiedError] });
        var result = await subscribing.WaitAsync(Timeout);
        Assert.Equal([MqttReasonCode.GrantedQoS1, MqttReasonCode.UnspecifiedError], result.ReasonCodes);
        Assert.False(result.IsSuccess);
    }
}

using KapMonitor.Mqtt.Client;
using KapMonitor.Mqtt.Packets;
using KapMonitor.Testing.Peers;
using KapMonitor.Testing;
using Xunit.Abstractions;

namespace KapMonitor.Mqtt.Tests.Integration;

/// <summary>The client against a real mosquitto started on a free loopback port (OASIS MQTT 3.1.1 and 5.0).</summary>
public sealed class MosquittoConformanceTests(ITestOutputHelper output) : BrokerTestBase(output)
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.ExactlyOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.ExactlyOnce)]
    public async Task Publish_and_subscribe_round_trip_at_each_qos(MqttProtocolVersion version, MqttQualityOfService qos)
    {
        var broker = await StartBrokerAsync();
        var topic = UniqueTopic("qos");
        var subscriber = Client(broker, version);
        var inbox = Inbox(subscriber);
        await subscriber.ConnectAsync();
        var granted = await subscriber.SubscribeAsync(topic + "/#", qos);
        Assert.Equal((MqttReasonCode)(byte)qos, Assert.Single(granted.ReasonCodes));

        var publisher = Client(broker, version);
        await publisher.ConnectAsync();
        for (var i = 0; i < 20; i++)
        {
            var result = await publisher.PublishAsync(Message($"{topic}/bed1", $"{i}", qos));
            Assert.True(result.IsSuccess, $"{result.ReasonCode} {result.ReasonString}");
        }

        for (var i = 0; i < 20; i++)
        {
            var received = await NextAsync(inbox);
            Assert.Equal(($"{topic}/bed1", $"{i}", qos), (received.Topic, Text(received), received.QualityOfService));
        }

        var unsubscribed = await subscriber.UnsubscribeAsync([topic + "/#"]);
        Assert.True(unsubscribed.IsSuccess);
        await publisher.DisconnectAsync();
        await subscriber.DisconnectAsync();
        Assert.Equal(MqttConnectionState.Stopped, subscriber.State);
    }

    [Fact]
    public async Task A_burst_of_fire_and_forget_messages_arrives_complete_and_in_order()
    {
        var broker = await StartBrokerAsync();
        var topic = UniqueTopic("burst");
        var subscriber = Client(broker, MqttProtocolVersion.V500);
        var inbox = Inbox(subscriber);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync(topic, MqttQualityOfService.AtMostOnce);
        var publisher = Client(broker, MqttProtocolVersion.V500);
        await publisher.ConnectAsync();

        for (var i = 0; i < 300; i++)
        {
            Assert.True(publisher.TryPublishAtMostOnce(Message(topic, $"{i}", MqttQualityOfService.AtMostOnce)));
        }

        for (var i = 0; i < 300; i++)
        {
            Assert.Equal($"{i}", Text(await NextAsync(inbox)));
        }
    }

    [Fact]
    public async Task Publish_50_properties_reach_the_subscriber()
    {
        var broker = await StartBrokerAsync();
        var topic = UniqueTopic("props");
        var subscriber = Client(broker, MqttProtocolVersion.V500);
        var inbox = Inbox(subscriber);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);
        var publisher = Client(broker, MqttProtocolVersion.V500);
        await publisher.ConnectAsync();

        var result = await publisher.PublishAsync(Message(topic, """{"spo2":97}""", MqttQualityOfService.AtLeastOnce) with
        {
            ContentType = "application/json",
            MessageExpiryInterval = 60,
            UserProperties = [new("unit", "%")],
            ResponseTopic = topic + "/reply",
            CorrelationData = new byte[] { 1, 2, 3 },
        });
        Assert.True(result.IsSuccess);
        var received = await NextAsync(inbox);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal(new MqttUserProperty("unit", "%"), Assert.Single(received.UserProperties));
        Assert.Equal(topic + "/reply", received.ResponseTopic);
        Assert.Equal([1, 2, 3], received.CorrelationData!.Value.ToArray());
        Assert.InRange(received.MessageExpiryInterval ?? 0, 1u, 60u);
    }

    [Fact]
    public async Task Publish_50_without_subscribers_reports_no_matching_subscribers()
    {
        var broker = await StartBrokerAsync();
        var publisher = Client(broker, MqttProtocolVersion.V500);
        await publisher.ConnectAsync();
        var result = await publisher.PublishAsync(Message(UniqueTopic("nobody"), "97", MqttQualityOfService.AtLeastOnce));
        Assert.Equal(MqttReasonCode.NoMatchingSubscribers, result.ReasonCode); // as recorded from mosquitto 2.0.11: PUBACK 40 03 00 07 10
        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Retained_message_reaches_a_later_subscriber(MqttProtocolVersion version)
    {
        var broker = await StartBrokerAsync();
        var topic = UniqueTopic("retained");
        var publisher = Client(broker, version);
        await publisher.ConnectAsync();
        Assert.True((await publisher.PublishAsync(Message(topic, "session-running", MqttQualityOfService.AtLeastOnce, retain: true))).IsSuccess);

        var late = Client(broker, version);
        var inbox = Inbox(late);
        await late.ConnectAsync();
        await late.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);
        var received = await NextAsync(inbox);
        Assert.Equal("session-running", Text(received));
        Assert.True(received.Retain);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Retained_will_is_published_when_the_client_aborts(MqttProtocolVersion version)
    {
        var broker = await StartBrokerAsync();
        var topic = UniqueTopic("status");
        var monitor = Client(broker, version, o => o with
        {
            Will = new MqttWill { Message = Message(topic, "offline", MqttQualityOfService.AtLeastOnce, retain: true) },
        });
        await monitor.ConnectAsync();
        await monitor.PublishAsync(Message(topic, "online", MqttQualityOfService.AtLeastOnce, retain: true));
        await monitor.AbortAsync();

        // A retained Will persists on the broker (observed with mosquitto 2.0.11): a new subscriber sees it.
        var tablet = Client(broker, version);
        await tablet.ConnectAsync();
        string? last = null;
        tablet.MessageHandler = (message, _) =>
        {
            last = Text(message);
            return ValueTask.CompletedTask;
        };
        // The broker publishes the Will once it notices the dropped socket; subscribing again re-delivers the
        // retained message, so poll by re-subscribing until the Will has replaced "online".
        await Eventually.TrueAsync(
            async () =>
            {
                await tablet.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);
                return Volatile.Read(ref last) == "offline";
            },
            () => $"The retained Will never appeared (last seen: {last}).", Timeout);
    }

    [Fact]
    public async Task Graceful_disconnect_discards_the_will()
    {
        var broker = await StartBrokerAsync();
        var topic = UniqueTopic("graceful");
        var monitor = Client(broker, MqttProtocolVersion.V500, o => o with
        {
            Will = new MqttWill { Message = Message(topic, "offline", MqttQualityOfService.AtLeastOnce, retain: true) },
        });
        await monitor.ConnectAsync();
        await monitor.PublishAsync(Message(topic, "online", MqttQualityOfService.AtLeastOnce, retain: true));
        await monitor.DisconnectAsync();

        var tablet = Client(broker, MqttProtocolVersion.V500);
        var inbox = Inbox(tablet);
        await tablet.ConnectAsync();
        await tablet.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);
        Assert.Equal("online", Text(await NextAsync(inbox)));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Wrong_password_is_refused_with_the_connack_reason(MqttProtocolVersion version)
    {
        var broker = await StartBrokerAsync(new MosquittoOptions { Users = new Dictionary<string, string> { ["room-1"] = "s3cret" } });
        var good = Client(broker, version, o => o with { UserName = "room-1", Password = "s3cret" });
        await good.ConnectAsync();
        Assert.Equal(MqttConnectionState.Connected, good.State);

        var bad = Client(broker, version, o => o with { UserName = "room-1", Password = "wrong" });
        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => bad.ConnectAsync());
        Output.WriteLine(ex.Message);
        Assert.Contains(ex.ReasonCode, new[] { MqttReasonCode.BadUserNameOrPassword, MqttReasonCode.NotAuthorized });
        Assert.Contains(ex.ReasonCode.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{broker.Host}:{broker.Port}", ex.Message, StringComparison.Ordinal);
        Assert.NotEqual(MqttConnectionState.Connected, bad.State);
    }

    [Fact]
    public async Task Wildcard_filters_match_levels_and_invalid_filters_never_reach_the_broker()
    {
        var broker = await StartBrokerAsync();
        var root = UniqueTopic("wild");
        var subscriber = Client(broker, MqttProtocolVersion.V500);
        var inbox = Inbox(subscriber);
        await subscriber.ConnectAsync();
        var result = await subscriber.SubscribeAsync(
            [new MqttSubscription { TopicFilter = $"{root}/+/spo2", QualityOfService = MqttQualityOfService.AtLeastOnce },
             new MqttSubscription { TopicFilter = $"{root}/bed2/#", QualityOfService = MqttQualityOfService.AtLeastOnce }]);
        Assert.True(result.IsSuccess);
        foreach (var invalid in new[] { $"{root}/#/x", $"{root}/bed+", $"{root}#", "" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => subscriber.SubscribeAsync(invalid, MqttQualityOfService.AtMostOnce));
        }

        var publisher = Client(broker, MqttProtocolVersion.V500);
        await publisher.ConnectAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync(Message($"{root}/+/spo2", "x", MqttQualityOfService.AtMostOnce)));
        foreach (var topic in new[] { $"{root}/bed1/spo2", $"{root}/bed3/hr", $"{root}/bed2/hr", $"{root}/bed1/x/spo2", $"{root}/end/spo2" })
        {
            await publisher.PublishAsync(Message(topic, topic, MqttQualityOfService.AtLeastOnce));
        }

        Assert.Equal($"{root}/bed1/spo2", (await NextAsync(inbox)).Topic);
        Assert.Equal($"{root}/bed2/hr", (await NextAsync(inbox)).Topic);
        Assert.Equal($"{root}/end/spo2", (await NextAsync(inbox)).Topic);
        Assert.Equal(MqttConnectionState.Connected, subscriber.State);
    }
}

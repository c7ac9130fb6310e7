using KapMonitor.Mqtt.Client;
using KapMonitor.Testing.Peers;
using Xunit.Abstractions;

namespace KapMonitor.Mqtt.Tests.Integration;

/// <summary>Broker restarts with persistent sessions (Clean Start = 0, Session Expiry, mosquitto persistence).</summary>
public sealed class MosquittoSessionTests(ITestOutputHelper output) : BrokerTestBase(output)
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Qos1_messages_published_while_the_broker_is_down_arrive_once_each_after_restart(MqttProtocolVersion version)
    {
        var broker = await StartBrokerAsync(new MosquittoOptions { Persistence = true });
        var topic = UniqueTopic("restart");
        Func<MqttClientOptions, MqttClientOptions> persistent = o => o with { CleanStart = false, SessionExpiryInterval = 3600 };
        var subscriber = Client(broker, version, persistent);
        var received = new List<string>();
        var sessionPresent = new List<bool>();
        subscriber.MessageHandler = (message, _) =>
        {
            lock (received)
            {
                received.Add(Text(message));
            }

            return ValueTask.CompletedTask;
        };
        subscriber.ConnectionStateChanged += (_, e) =>
        {
            if (e.State == MqttConnectionState.Connected)
            {
                lock (sessionPresent)
                {
                    sessionPresent.Add(e.SessionPresent);
                }
            }
        };
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);
        var publisher = Client(broker, version, persistent);
        await publisher.ConnectAsync();
        Assert.True((await publisher.PublishAsync(Message(topic, "before", MqttQualityOfService.AtLeastOnce))).IsSuccess);
        await EventuallyAsync(() => Count(received, "before") == 1, "the message published before the restart");

        await broker.StopAsync();
        await EventuallyAsync(() => publisher.State != MqttConnectionState.Connected && subscriber.State != MqttConnectionState.Connected, "both clients notice the broker is gone");
        var pending = Enumerable.Range(0, 5).Select(i => publisher.PublishAsync(Message(topic, $"down-{i}", MqttQualityOfService.AtLeastOnce))).ToList();
        Assert.DoesNotContain(pending, p => p.IsCompleted);

        await broker.StartAgainAsync();
        var results = await Task.WhenAll(pending).WaitAsync(Timeout);
        Assert.All(results, r => Assert.True(r.IsSuccess, r.ReasonCode.ToString()));

        // A marker after the five: once it arrives, any duplicate of the five would already have arrived.
        Assert.True((await publisher.PublishAsync(Message(topic, "marker", MqttQualityOfService.AtLeastOnce))).IsSuccess);
        await EventuallyAsync(() => Count(received, "marker") == 1, "all messages after the restart");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1, Count(received, $"down-{i}"));
        }

        Assert.Equal(1, Count(received, "before"));
        // The event is raised by the connecting task, which can finish after the reader has delivered the
        // session's queued messages: wait for it rather than race it.
        await EventuallyAsync(
            () =>
            {
                lock (sessionPresent)
                {
                    return sessionPresent.Count == 2;
                }
            },
            "the subscriber's reconnection event");
        lock (sessionPresent)
        {
            Assert.Equal([false, true], sessionPresent);
        }
    }

    [Fact]
    public async Task Client_reconnects_by_itself_after_the_broker_is_killed_and_restarted()
    {
        var broker = await StartBrokerAsync();
        var topic = UniqueTopic("kill");
        var states = new List<MqttConnectionState>();
        var client = Client(broker, MqttProtocolVersion.V500);
        client.ConnectionStateChanged += (_, e) =>
        {
            lock (states)
            {
                states.Add(e.State);
            }
        };
        var inbox = Inbox(client);
        await client.ConnectAsync();
        await client.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);

        await broker.KillAsync();
        await EventuallyAsync(() => client.State != MqttConnectionState.Connected, "the client notices the broker died");
        await broker.StartAgainAsync();
        await EventuallyAsync(() => client.State == MqttConnectionState.Connected, "the client reconnects on its own");

        // Clean Start: the subscription died with the broker's memory; the client subscribes again by itself.
        // Poll with QoS 0 probes until one comes back (the re-SUBSCRIBE races the first publish), then QoS 1.
        var deadline = DateTime.UtcNow + Timeout;
        while (!inbox.TryRead(out _))
        {
            Assert.True(DateTime.UtcNow < deadline, "The subscription was not restored after the broker restart.");
            await client.PublishAsync(Message(topic, "probe", MqttQualityOfService.AtMostOnce));
            await Task.Delay(50);
        }

        while (inbox.TryRead(out _))
        {
        }

        Assert.True((await client.PublishAsync(Message(topic, "back", MqttQualityOfService.AtLeastOnce))).IsSuccess);
        Assert.Equal("back", Text(await NextAsync(inbox)));
        lock (states)
        {
            Assert.Contains(MqttConnectionState.Disconnected, states);
            Assert.Equal(MqttConnectionState.Connected, states[^1]);
        }
    }

    private static int Count(List<string> received, string payload)
    {
        lock (received)
        {
            return received.Count(r => r == payload);
        }
    }
}

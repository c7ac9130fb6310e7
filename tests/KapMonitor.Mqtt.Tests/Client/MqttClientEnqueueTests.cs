using KapMonitor.Mqtt.Client;
using KapMonitor.Mqtt.Packets;
using KapMonitor.Testing;
using Xunit.Abstractions;

namespace KapMonitor.Mqtt.Tests.Client;

/// <summary><see cref="MqttClient.EnqueuePublishAsync"/>: admission into the in-flight window, in call order.</summary>
public sealed class MqttClientEnqueueTests(ITestOutputHelper output) : FakeBrokerTestBase(output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Enqueued_messages_fill_a_window_of_two_and_go_out_in_call_order(bool windowFromReceiveMaximum)
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = windowFromReceiveMaximum ? broker.Client(Logs) : broker.Client(Logs, o => o with { MaximumInflight = 2 });
        var channel = await broker.ConnectAsync(client, properties: windowFromReceiveMaximum ? new MqttProperties { ReceiveMaximum = 2 } : null);

        const int count = 6;
        var admitted = 0;
        var acks = new Task<MqttPublishResult>[count];
        var enqueuing = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                acks[i] = await client.EnqueuePublishAsync(Message($"t/{i}", MqttQualityOfService.AtLeastOnce, $"p{i}"));
                Volatile.Write(ref admitted, i + 1);
            }
        });

        var outstanding = new Queue<MqttPublishPacket>();
        for (var i = 0; i < count; i++)
        {
            var publish = await channel.NextSentAsync<MqttPublishPacket>();
            Assert.Equal(($"t/{i}", $"p{i}", MqttQualityOfService.AtLeastOnce), (publish.Topic, System.Text.Encoding.UTF8.GetString(publish.Payload.Span), publish.QualityOfService));
            outstanding.Enqueue(publish);
            if (outstanding.Count < 2 && i < count - 1)
            {
                continue;
            }

            // The window is full: the enqueuer is held and nothing more reaches the wire until the broker acknowledges.
            // (A short real wait can only make this check pass wrongly, never fail wrongly.)
            await Task.Delay(50);
            Assert.False(channel.TryTakeSent(out var extra), $"a packet beyond the window of 2 went out: {extra}");
            Assert.Equal(i + 1, Volatile.Read(ref admitted));
            Assert.False(enqueuing.IsCompleted && i < count - 1);
            var oldest = outstanding.Dequeue();
            Assert.False(acks[i - outstanding.Count].IsCompleted);
            channel.Reply(new MqttPubAckPacket { PacketId = oldest.PacketId });
        }

        while (outstanding.TryDequeue(out var rest))
        {
            channel.Reply(new MqttPubAckPacket { PacketId = rest.PacketId });
        }

        await enqueuing.WaitAsync(Timeout);
        var results = await Task.WhenAll(acks).WaitAsync(Timeout);
        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.False(channel.TryTakeSent(out _));
    }

    [Fact]
    public async Task Enqueue_completes_on_admission_before_the_acknowledgement()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V311);
        await using var client = broker.Client(Logs);
        var channel = await broker.ConnectAsync(client);

        var ack = await client.EnqueuePublishAsync(Message("a", MqttQualityOfService.ExactlyOnce)).WaitAsync(Timeout);
        var publish = await channel.NextSentAsync<MqttPublishPacket>();
        Assert.Equal(("a", MqttQualityOfService.ExactlyOnce), (publish.Topic, publish.QualityOfService));
        Assert.False(ack.IsCompleted);

        channel.Reply(new MqttPubRecPacket { PacketId = publish.PacketId });
        Assert.Equal(publish.PacketId, (await channel.NextSentAsync<MqttPubRelPacket>()).PacketId);
        Assert.False(ack.IsCompleted);
        channel.Reply(new MqttPubCompPacket { PacketId = publish.PacketId });
        Assert.True((await ack.WaitAsync(Timeout)).IsSuccess);
    }

    [Fact]
    public async Task Enqueued_messages_are_resent_in_call_order_after_reconnect()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs, o => o with { CleanStart = false, SessionExpiryInterval = 600, MaximumInflight = 3 });
        var channel = await broker.ConnectAsync(client);

        var acks = new List<Task<MqttPublishResult>>();
        for (var i = 0; i < 3; i++)
        {
            acks.Add(await client.EnqueuePublishAsync(Message($"t/{i}", MqttQualityOfService.AtLeastOnce)).WaitAsync(Timeout));
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"t/{i}", (await channel.NextSentAsync<MqttPublishPacket>()).Topic);
        }

        channel.CloseFromBroker();
        var second = await broker.NextConnectionAsync();
        await second.AcceptAsync(sessionPresent: true);
        for (var i = 0; i < 3; i++)
        {
            var resent = await second.NextSentAsync<MqttPublishPacket>();
            Assert.Equal(($"t/{i}", true), (resent.Topic, resent.Duplicate));
            second.Reply(new MqttPubAckPacket { PacketId = resent.PacketId });
        }

        Assert.All(await Task.WhenAll(acks).WaitAsync(Timeout), r => Assert.True(r.IsSuccess));
    }

    [Fact]
    public async Task Enqueue_waiting_for_a_full_window_can_be_cancelled_and_sends_nothing()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs, o => o with { MaximumInflight = 1 });
        var channel = await broker.ConnectAsync(client);
        var first = await client.EnqueuePublishAsync(Message("first", MqttQualityOfService.AtLeastOnce)).WaitAsync(Timeout);
        var publish = await channel.NextSentAsync<MqttPublishPacket>();

        using var cts = new CancellationTokenSource();
        var waiting = client.EnqueuePublishAsync(Message("cancelled", MqttQualityOfService.AtLeastOnce), cts.Token);
        Assert.False(waiting.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Timeout));

        channel.Reply(new MqttPubAckPacket { PacketId = publish.PacketId });
        Assert.True((await first.WaitAsync(Timeout)).IsSuccess);
        var next = await client.EnqueuePublishAsync(Message("next", MqttQualityOfService.AtLeastOnce)).WaitAsync(Timeout);
        var nextPublish = await channel.NextSentAsync<MqttPublishPacket>();
        Assert.Equal("next", nextPublish.Topic);
        channel.Reply(new MqttPubAckPacket { PacketId = nextPublish.PacketId });
        Assert.True((await next.WaitAsync(Timeout)).IsSuccess);
    }

    [Fact]
    public async Task Qos0_is_refused()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs);
        var channel = await broker.ConnectAsync(client);

        await Assert.ThrowsAsync<ArgumentException>(() => client.EnqueuePublishAsync(Message("t", MqttQualityOfService.AtMostOnce)));
        Assert.False(channel.TryTakeSent(out _));
    }
}

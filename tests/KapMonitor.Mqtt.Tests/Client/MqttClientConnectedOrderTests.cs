using System.Collections.Concurrent;
using KapMonitor.Mqtt.Client;
using KapMonitor.Mqtt.Packets;
using Xunit.Abstractions;

namespace KapMonitor.Mqtt.Tests.Client;

/// <summary>
/// A resumed session's queued messages arrive right behind CONNACK, often in the same read. The application must
/// learn it is connected (and whether the session was resumed) before it sees any of them.
/// </summary>
public sealed class MqttClientConnectedOrderTests(ITestOutputHelper output) : FakeBrokerTestBase(output)
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Connected_is_raised_before_a_message_that_follows_connack_in_the_same_read(MqttProtocolVersion version)
    {
        var broker = new FakeBroker(version);
        await using var client = broker.Client(Logs, o => o with { CleanStart = false });
        var observed = new ConcurrentQueue<string>();
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionStateChanged += (_, e) => observed.Enqueue($"{e.State} session={e.SessionPresent}");
        client.MessageHandler = (message, _) =>
        {
            observed.Enqueue($"message {message.Topic} while {client.State}");
            delivered.TrySetResult();
            return ValueTask.CompletedTask;
        };

        var connecting = client.ConnectAsync();
        var channel = await broker.NextConnectionAsync();
        await channel.NextSentAsync<MqttConnectPacket>();
        var writer = new MqttPacketWriter();
        byte[] connAck = writer.Encode(new MqttConnAckPacket { SessionPresent = true }, version).ToArray();
        byte[] publish = writer.Encode(new MqttPublishPacket { Topic = "queued", QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 3, Payload = "1"u8.ToArray() }, version).ToArray();
        channel.ReplyRaw([.. connAck, .. publish]);
        await connecting.WaitAsync(Timeout);
        await delivered.Task.WaitAsync(Timeout);

        Assert.Equal((ushort)3, (await channel.NextSentAsync<MqttPubAckPacket>()).PacketId);
        Assert.Equal(["Connecting session=False", "Connected session=True", "message queued while Connected"], observed);
    }

    [Fact]
    public async Task A_message_behind_a_refused_connack_is_never_delivered()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs);
        var delivered = 0;
        client.MessageHandler = (_, _) =>
        {
            Interlocked.Increment(ref delivered);
            return ValueTask.CompletedTask;
        };

        var connecting = client.ConnectAsync();
        var channel = await broker.NextConnectionAsync();
        await channel.NextSentAsync<MqttConnectPacket>();
        var writer = new MqttPacketWriter();
        byte[] connAck = writer.Encode(new MqttConnAckPacket { ReasonCode = MqttReasonCode.NotAuthorized }, MqttProtocolVersion.V500).ToArray();
        byte[] publish = writer.Encode(new MqttPublishPacket { Topic = "stray", Payload = "1"u8.ToArray() }, MqttProtocolVersion.V500).ToArray();
        channel.ReplyRaw([.. connAck, .. publish]);

        await Assert.ThrowsAsync<MqttConnectException>(() => connecting.WaitAsync(Timeout));
        Assert.True(channel.Disposed, "ConnectAsync returns only after the refused connection and its reader are gone.");
        Assert.Equal(0, Volatile.Read(ref delivered));
        Assert.NotEqual(MqttConnectionState.Connected, client.State);
    }
}

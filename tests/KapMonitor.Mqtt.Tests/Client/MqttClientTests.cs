using KapMonitor.Mqtt.Client;
using KapMonitor.Mqtt.Packets;
using KapMonitor.Testing;
using Xunit.Abstractions;

namespace KapMonitor.Mqtt.Tests.Client;

/// <summary>The client against a scripted in-memory broker (MQTT 3.1.1 §4.3, §4.4; 5.0 §4.3, §4.4).</summary>
public sealed class MqttClientTests(ITestOutputHelper output) : FakeBrokerTestBase(output)
{
    [Fact]
    public async Task Connect_sends_connect_with_options_and_reports_connected()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        var states = new List<MqttConnectionState>();
        await using var client = broker.Client(Logs, o => o with { CleanStart = false, SessionExpiryInterval = 3600, KeepAlive = TimeSpan.FromSeconds(30), UserName = "room-1", Password = "pw" });
        client.ConnectionStateChanged += (_, e) => states.Add(e.State);
        var connecting = client.ConnectAsync();
        var channel = await broker.NextConnectionAsync();
        var connect = await channel.AcceptAsync(properties: new MqttProperties { AssignedClientIdentifier = "assigned-1" });
        await connecting.WaitAsync(Timeout);

        Assert.Equal("unit", connect.ClientId);
        Assert.False(connect.CleanStart);
        Assert.Equal(30, connect.KeepAliveSeconds);
        Assert.Equal(3600u, connect.Properties.SessionExpiryInterval);
        Assert.Equal("room-1", connect.UserName);
        Assert.Equal("pw"u8.ToArray(), connect.Password!.Value.ToArray());
        Assert.Equal(MqttConnectionState.Connected, client.State);
        Assert.Equal("assigned-1", client.ClientId);
        Assert.Equal([MqttConnectionState.Connecting, MqttConnectionState.Connected], states);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, "20 02 00 04", null)]
    [InlineData(MqttProtocolVersion.V500, "20 0a 00 86 07 1f 00 04 6e 6f 70 65", "nope")]
    public async Task Refused_connack_throws_with_reason_code_and_reason_string(MqttProtocolVersion version, string connAck, string? reasonString)
    {
        var broker = new FakeBroker(version);
        await using var client = broker.Client(Logs);
        var connecting = client.ConnectAsync();
        var channel = await broker.NextConnectionAsync();
        await channel.NextSentAsync<MqttConnectPacket>();
        channel.ReplyRaw(Hex.Parse(connAck));

        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => connecting.WaitAsync(Timeout));
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, ex.ReasonCode);
        Assert.Equal(reasonString, ex.ReasonString);
        Assert.Contains("BadUserNameOrPassword", ex.Message, StringComparison.Ordinal);
        Assert.Contains("user name and password", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qos1_completes_on_puback_and_a_refusal_frees_the_id_without_retransmission()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs);
        var channel = await broker.ConnectAsync(client);

        var first = client.PublishAsync(Message("vitals/bed1/spo2", MqttQualityOfService.AtLeastOnce));
        var publish = await channel.NextSentAsync<MqttPublishPacket>();
        Assert.Equal((ushort)1, publish.PacketId);
        Assert.False(publish.Duplicate);
        channel.Reply(new MqttPubAckPacket { PacketId = 1, ReasonCode = MqttReasonCode.QuotaExceeded, Properties = new MqttProperties { ReasonString = "full" } });
        var result = await first.WaitAsync(Timeout);
        Assert.False(result.IsSuccess);
        Assert.Equal(MqttReasonCode.QuotaExceeded, result.ReasonCode);
        Assert.Equal("full", result.ReasonString);

        var second = client.PublishAsync(Message("vitals/bed1/spo2", MqttQualityOfService.AtLeastOnce));
        var next = await channel.NextSentAsync<MqttPublishPacket>();
        Assert.False(next.Duplicate);
        channel.Reply(new MqttPubAckPacket { PacketId = next.PacketId });
        Assert.True((await second.WaitAsync(Timeout)).IsSuccess);
    }

    [Fact]
    public async Task Fire_and_forget_qos0_needs_a_connection_and_keeps_publication_order()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs);

        Assert.False(client.TryPublishAtMostOnce(Message("vitals/bed1/spo2", MqttQualityOfService.AtMostOnce)));
        Assert.Throws<ArgumentException>(() => client.TryPublishAtMostOnce(Message("vitals/bed1/spo2", MqttQualityOfService.AtLeastOnce)));
        Assert.Throws<ArgumentException>(() => client.TryPublishAtMostOnce(Message("vitals/+/spo2", MqttQualityOfService.AtMostOnce)));

        var channel = await broker.ConnectAsync(client);
        // Queued faster than they are written, so the writer sends them in shared writes: order and content must survive.
        for (var i = 0; i < 500; i++)
        {
            Assert.True(client.TryPublishAtMostOnce(Message("vitals/bed1/spo2", MqttQualityOfService.AtMostOnce, $"{i}")));
        }

        for (var i = 0; i < 500; i++)
        {
            var publish = await channel.NextSentAsync<MqttPublishPacket>();
            Assert.Equal((MqttQualityOfService.AtMostOnce, $"{i}"), (publish.QualityOfService, System.Text.Encoding.UTF8.GetString(publish.Payload.Span)));
        }
    }

    [Fact]
    public async Task Qos2_runs_publish_pubrec_pubrel_pubcomp()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V311);
        await using var client = broker.Client(Logs);
        var channel = await broker.ConnectAsync(client);

        var publishing = client.PublishAsync(Message("vitals/bed1/spo2", MqttQualityOfService.ExactlyOnce, "98"));
        var raw = await channel.NextSentRawAsync(); // CONNECT
        raw = await channel.NextSentRawAsync();
        Assert.Equal("3416001076697461" + "6c732f626564312f73706f3200013938", Hex.Format(raw));
        channel.Reply(new MqttPubRecPacket { PacketId = 1 });
        Assert.Equal("62020001", Hex.Format(await channel.NextSentRawAsync()));
        Assert.False(publishing.IsCompleted);
        channel.Reply(new MqttPubCompPacket { PacketId = 1 });
        Assert.True((await publishing.WaitAsync(Timeout)).IsSuccess);
    }

    [Fact]
    public async Task Receive_maximum_holds_publishers_until_a_slot_frees()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs);
        var channel = await broker.ConnectAsync(client, properties: new MqttProperties { ReceiveMaximum = 2 });

        var tasks = Enumerable.Range(0, 3).Select(i => client.PublishAsync(Message("t", MqttQualityOfService.AtLeastOnce, $"{i}"))).ToList();
        var a = await channel.NextSentAsync<MqttPublishPacket>();
        var b = await channel.NextSentAsync<MqttPublishPacket>();
        Assert.False(channel.TryTakeSent(out _));
        Assert.DoesNotContain(tasks, t => t.IsCompleted);

        channel.Reply(new MqttPubAckPacket { PacketId = a.PacketId });
        var c = await channel.NextSentAsync<MqttPublishPacket>();
        Assert.NotEqual(b.PacketId, c.PacketId);
        channel.Reply(new MqttPubAckPacket { PacketId = b.PacketId });
        channel.Reply(new MqttPubAckPacket { PacketId = c.PacketId });
        await Task.WhenAll(tasks).WaitAsync(Timeout);
    }

    [Fact]
    public async Task Session_present_resends_publish_with_dup_and_pubrel_with_the_same_ids()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs, o => o with { CleanStart = false, SessionExpiryInterval = 600 });
        var channel = await broker.ConnectAsync(client);

        var qos1 = client.PublishAsync(Message("a", MqttQualityOfService.AtLeastOnce));
        var qos2 = client.PublishAsync(Message("b", MqttQualityOfService.ExactlyOnce));
        var p1 = await channel.NextSentAsync<MqttPublishPacket>();
        var p2 = await channel.NextSentAsync<MqttPublishPacket>();
        channel.Reply(new MqttPubRecPacket { PacketId = p2.PacketId });
        await channel.NextSentAsync<MqttPubRelPacket>();
        channel.CloseFromBroker();

        var second = await broker.NextConnectionAsync();
        var connect = await second.AcceptAsync(sessionPresent: true);
        Assert.False(connect.CleanStart);
        var resent = await second.NextSentAsync<MqttPublishPacket>();
        Assert.True(resent.Duplicate);
        Assert.Equal((p1.PacketId, "a"), (resent.PacketId, resent.Topic));
        Assert.Equal(p2.PacketId, (await second.NextSentAsync<MqttPubRelPacket>()).PacketId);
        Assert.False(second.TryTakeSent(out _));

        second.Reply(new MqttPubAckPacket { PacketId = p1.PacketId });
        second.Reply(new MqttPubCompPacket { PacketId = p2.PacketId });
        Assert.True((await qos1.WaitAsync(Timeout)).IsSuccess);
        Assert.True((await qos2.WaitAsync(Timeout)).IsSuccess);
    }

    [Fact]
    public async Task Without_session_present_sent_messages_fail_and_are_not_resent_but_unsent_ones_go_out()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V311);
        await using var client = broker.Client(Logs, o => o with { CleanStart = false, MaximumInflight = 1, ReconnectMinDelay = TimeSpan.FromMilliseconds(200) });
        var channel = await broker.ConnectAsync(client);

        var sent = client.PublishAsync(Message("a", MqttQualityOfService.AtLeastOnce));
        await channel.NextSentAsync<MqttPublishPacket>();
        channel.CloseFromBroker();
        await WaitForAsync(() => client.State == MqttConnectionState.Disconnected);
        var queued = client.PublishAsync(Message("b", MqttQualityOfService.AtLeastOnce)); // waits for the window

        var second = await broker.NextConnectionAsync();
        await second.AcceptAsync(sessionPresent: false);
        var ex = await Assert.ThrowsAsync<MqttCommunicationException>(() => sent.WaitAsync(Timeout));
        Assert.Contains("Session Present = 0", ex.Message, StringComparison.Ordinal);

        var fresh = await second.NextSentAsync<MqttPublishPacket>();
        Assert.Equal(("b", false), (fresh.Topic, fresh.Duplicate));
        second.Reply(new MqttPubAckPacket { PacketId = fresh.PacketId });
        Assert.True((await queued.WaitAsync(Timeout)).IsSuccess);
    }

    [Fact]
    public async Task Incoming_qos1_is_acknowledged_only_after_the_handler_completes()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs);
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        client.MessageHandler = async (message, _) =>
        {
            entered.TrySetResult();
            await release.Task;
        };
        var channel = await broker.ConnectAsync(client);

        channel.Reply(new MqttPublishPacket { Topic = "in", QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 9, Payload = "1"u8.ToArray() });
        await entered.Task.WaitAsync(Timeout);
        await client.PublishAsync(Message("marker", MqttQualityOfService.AtMostOnce)).WaitAsync(Timeout);
        Assert.Equal("marker", (await channel.NextSentAsync<MqttPublishPacket>()).Topic);
        release.SetResult();
        Assert.Equal((ushort)9, (await channel.NextSentAsync<MqttPubAckPacket>()).PacketId);
    }

    [Fact]
    public async Task Incoming_qos2_duplicate_is_delivered_once()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V311);
        await using var client = broker.Client(Logs);
        var delivered = 0;
        client.MessageHandler = (_, _) =>
        {
            Interlocked.Increment(ref delivered);
            return ValueTask.CompletedTask;
        };
        var channel = await broker.ConnectAsync(client);

        var publish = new MqttPublishPacket { Topic = "in", QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 5 };
        channel.Reply(publish);
        Assert.Equal((ushort)5, (await channel.NextSentAsync<MqttPubRecPacket>()).PacketId);
        channel.Reply(publish with { Duplicate = true });
        Assert.Equal((ushort)5, (await channel.NextSentAsync<MqttPubRecPacket>()).PacketId);
        channel.Reply(new MqttPubRelPacket { PacketId = 5 });
        Assert.Equal((ushort)5, (await channel.NextSentAsync<MqttPubCompPacket>()).PacketId);
        Assert.Equal(1, delivered);
    }

    [Fact]
    public async Task Keep_alive_pings_when_idle_and_closes_without_pingresp()
    {
        var time = new ManualTimeProvider();
        var broker = new FakeBroker(MqttProtocolVersion.V311);
        await using var client = broker.Client(Logs, o => o with { KeepAlive = TimeSpan.FromSeconds(10), PingResponseTimeout = TimeSpan.FromSeconds(5), TimeProvider = time, AutoReconnect = false });
        Exception? error = null;
        client.ConnectionStateChanged += (_, e) => error ??= e.Error;
        var channel = await broker.ConnectAsync(client);

        // Answer the first PINGREQ, ignore the second.
        await AdvanceUntilAsync(time, () => channel.TryTakeSent(out var p) && p is MqttPingReqPacket);
        channel.Reply(MqttPingRespPacket.Instance);
        await AdvanceUntilAsync(time, () => channel.TryTakeSent(out var p) && p is MqttPingReqPacket);
        await AdvanceUntilAsync(time, () => client.State == MqttConnectionState.Disconnected);
        Assert.Contains("No PINGRESP", error?.Message, StringComparison.Ordinal);
        Assert.True(channel.Disposed);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Malformed_packet_closes_with_a_logged_reason_and_the_client_reconnects(MqttProtocolVersion version)
    {
        Logs.ExpectErrorContaining("Protocol violation by the broker");
        var broker = new FakeBroker(version);
        await using var client = broker.Client(Logs);
        var channel = await broker.ConnectAsync(client);

        channel.ReplyRaw(Hex.Parse("60 02 00 03")); // PUBREL with flags 0000 (3.1.1 §3.6.1; 5.0 §3.6.1)
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Equal(MqttReasonCode.MalformedPacket, (await channel.NextSentAsync<MqttDisconnectPacket>()).ReasonCode);
        }

        var second = await broker.NextConnectionAsync();
        await second.AcceptAsync();
        await WaitForAsync(() => client.State == MqttConnectionState.Connected);
        Assert.Contains(Logs.Entries, e => e.Message.Contains("0b0010", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seeded_garbage_from_the_broker_never_crashes_the_client()
    {
        Logs.Expect(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("Protocol violation", StringComparison.Ordinal));
        var random = new Random(2024);
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs);
        client.MessageHandler = (_, _) => ValueTask.CompletedTask;
        var channel = await broker.ConnectAsync(client);
        for (var i = 0; i < 40; i++)
        {
            var garbage = new byte[random.Next(1, 40)];
            random.NextBytes(garbage);
            channel.ReplyRaw(garbage);
            channel.CloseFromBroker(); // ends the connection even when the garbage happened to parse
            channel = await broker.NextConnectionAsync();
            await channel.AcceptAsync();
        }

        await WaitForAsync(() => client.State == MqttConnectionState.Connected);
        var publishing = client.PublishAsync(Message("still/alive", MqttQualityOfService.AtLeastOnce));
        var publish = await channel.NextSentAsync<MqttPublishPacket>();
        channel.Reply(new MqttPubAckPacket { PacketId = publish.PacketId });
        Assert.True((await publishing.WaitAsync(Timeout)).IsSuccess);
    }

    [Fact]
    public async Task Broker_disconnect_reason_is_reported()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs, o => o with { AutoReconnect = false });
        var errors = new List<Exception>();
        client.ConnectionStateChanged += (_, e) =>
        {
            if (e.Error is not null)
            {
                errors.Add(e.Error);
            }
        };
        var channel = await broker.ConnectAsync(client);
        channel.Reply(new MqttDisconnectPacket { ReasonCode = MqttReasonCode.SessionTakenOver, Properties = new MqttProperties { ReasonString = "other client" } });
        await WaitForAsync(() => errors.Count > 0);
        Assert.Contains("SessionTakenOver", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("other client", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_topics_are_refused_before_anything_is_sent()
    {
        var broker = new FakeBroker(MqttProtocolVersion.V500);
        await using var client = broker.Client(Logs);
        await broker.ConnectAsync(client);
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(Message("vitals/+/spo2", MqttQualityOfService.AtMostOnce)));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SubscribeAsync("a/#/b", MqttQualityOfService.AtMostOnce));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SubscribeAsync("a+", MqttQualityOfService.AtMostOnce));
        await Assert.ThrowsAsync<ArgumentException>(() => client.UnsubscribeAsync([""]));
    }

    [Fact]
    public void Reconnect_delay_grows_exponentially_is_capped_and_jittered()
    {
        var min = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(30);
        Assert.Equal(TimeSpan.FromSeconds(1), MqttClient.ComputeReconnectDelay(0, min, max, 0.5, 0));
        Assert.Equal(TimeSpan.FromSeconds(8), MqttClient.ComputeReconnectDelay(3, min, max, 0.5, 0));
        Assert.Equal(TimeSpan.FromSeconds(30), MqttClient.ComputeReconnectDelay(10, min, max, 0.5, 0));
        Assert.Equal(TimeSpan.FromSeconds(15), MqttClient.ComputeReconnectDelay(10, min, max, 0.5, 1));
        Assert.Equal(TimeSpan.FromSeconds(30), MqttClient.ComputeReconnectDelay(1000, min, max, 0, 1));
    }

    // Polls real time for work the client's loops do on the thread pool (no fixed sleeps).
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within the timeout");
            await Task.Delay(5);
        }
    }

    // Moves the manual clock one second at a time until the condition holds (timers fire in order).
    private static async Task AdvanceUntilAsync(ManualTimeProvider time, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within the timeout");
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
    }
}

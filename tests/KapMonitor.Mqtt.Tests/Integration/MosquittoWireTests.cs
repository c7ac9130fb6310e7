using System.Net.Sockets;
using KapMonitor.Mqtt.Packets;
using Xunit.Abstractions;

namespace KapMonitor.Mqtt.Tests.Integration;

/// <summary>
/// Raw bytes against the real broker: the encoder's output for the mosquitto 2.0.11 lab vectors (GoldenBytesTests) is accepted
/// by mosquitto and answered with the recorded bytes.
/// </summary>
public sealed class MosquittoWireTests(ITestOutputHelper output) : BrokerTestBase(output)
{
    [Fact]
    public async Task Lab_vectors_311_get_the_recorded_answers()
    {
        var broker = await StartBrokerAsync();
        await using var wire = await Wire.OpenAsync(broker.Host, broker.Port);
        var id = $"bedside-{Guid.NewGuid():N}"[..9];
        await wire.SendAsync(new MqttConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = id, KeepAliveSeconds = 60 }, MqttProtocolVersion.V311);
        Assert.Equal("20020000", await wire.ReceiveHexAsync(4));

        await wire.SendRawAsync(Hex.Parse("32 16 00 10 76 69 74 61 6c 73 2f 62 65 64 31 2f 73 70 6f 32 00 01 39 37"));
        Assert.Equal("40020001", await wire.ReceiveHexAsync(4));
        await wire.SendRawAsync(Hex.Parse("34 16 00 10 76 69 74 61 6c 73 2f 62 65 64 31 2f 73 70 6f 32 00 02 39 38"));
        Assert.Equal("50020002", await wire.ReceiveHexAsync(4));
        await wire.SendAsync(new MqttPubRelPacket { PacketId = 2 }, MqttProtocolVersion.V311);
        Assert.Equal("70020002", await wire.ReceiveHexAsync(4));
        await wire.SendAsync(MqttPingReqPacket.Instance, MqttProtocolVersion.V311);
        Assert.Equal("d000", await wire.ReceiveHexAsync(2));

        // PUBREL with flags 0000 is malformed: mosquitto closes the socket (3.1.1 has no DISCONNECT from servers).
        await wire.SendRawAsync(Hex.Parse("60 02 00 03"));
        Assert.True(await wire.ClosedByPeerAsync());
    }

    [Fact]
    public async Task Lab_vectors_50_get_the_recorded_answers()
    {
        var broker = await StartBrokerAsync();
        await using var wire = await Wire.OpenAsync(broker.Host, broker.Port);
        await wire.SendAsync(new MqttConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = $"bedside-{Guid.NewGuid():N}"[..9],
            KeepAliveSeconds = 30,
            Properties = new MqttProperties { ReceiveMaximum = 10, UserProperties = [new("site", "ward-3")] },
        }, MqttProtocolVersion.V500);
        var connAck = Assert.IsType<MqttConnAckPacket>(await wire.ReceivePacketAsync(MqttProtocolVersion.V500));
        Assert.Equal(MqttReasonCode.Success, connAck.ReasonCode);
        Assert.NotNull(connAck.Properties.ReceiveMaximum);

        await wire.SendAsync(new MqttPublishPacket
        {
            Topic = "vitals/bed1/spo2",
            Payload = """{"spo2":97}"""u8.ToArray(),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PacketId = 7,
            Properties = new MqttProperties { MessageExpiryInterval = 60, ContentType = "application/json", UserProperties = [new("unit", "%")] },
        }, MqttProtocolVersion.V500);
        Assert.Equal("4003000710", await wire.ReceiveHexAsync(5)); // No matching subscribers

        // A wildcard topic name cannot come from our encoder, so hand-write it: the broker answers Protocol Error.
        await wire.SendRawAsync(Hex.Parse("30 10 00 0d 76 69 74 61 6c 73 2f 2b 2f 73 70 6f 32 00"));
        Assert.Equal("e00182", await wire.ReceiveHexAsync(3));
    }

    private sealed class Wire(TcpClient tcp) : IAsyncDisposable
    {
        private readonly NetworkStream _stream = tcp.GetStream();

        public static async Task<Wire> OpenAsync(string host, int port)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port);
            return new Wire(tcp);
        }

        public Task SendAsync(MqttPacket packet, MqttProtocolVersion version) => SendRawAsync(MqttPacketWriter.EncodeToArray(packet, version));

        public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

        public async Task<string> ReceiveHexAsync(int count)
        {
            var buffer = new byte[count];
            await _stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(Timeout);
            return Hex.Format(buffer);
        }

        public async Task<MqttPacket> ReceivePacketAsync(MqttProtocolVersion version)
        {
            var header = new byte[2];
            await _stream.ReadExactlyAsync(header).AsTask().WaitAsync(Timeout);
            Assert.True(header[1] < 128, "short test packets only");
            var body = new byte[header[1]];
            await _stream.ReadExactlyAsync(body).AsTask().WaitAsync(Timeout);
            return MqttPacketReader.Decode([.. header, .. body], version);
        }

        public async Task<bool> ClosedByPeerAsync()
        {
            var buffer = new byte[16];
            try
            {
                return await _stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout) == 0;
            }
            catch (IOException)
            {
                return true; // reset instead of FIN: closed all the same
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stream.DisposeAsync();
            tcp.Dispose();
        }
    }
}

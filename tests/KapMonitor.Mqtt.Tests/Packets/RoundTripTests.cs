using System.Buffers;
using KapMonitor.Mqtt.Packets;

namespace KapMonitor.Mqtt.Tests.Packets;

public sealed class RoundTripTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311, 1)]
    [InlineData(MqttProtocolVersion.V311, 2)]
    [InlineData(MqttProtocolVersion.V500, 3)]
    [InlineData(MqttProtocolVersion.V500, 4)]
    public void Random_packets_survive_encode_decode_encode(MqttProtocolVersion version, int seed)
    {
        var packets = new RandomPackets(seed);
        var writer = new MqttPacketWriter(16);
        for (var i = 0; i < 3000; i++)
        {
            var packet = packets.Next(version);
            var bytes = writer.Encode(packet, version).ToArray();
            var decoded = MqttPacketReader.Decode(bytes, version);
            Assert.Equal(packet.Type, decoded.Type);
            var again = writer.Encode(decoded, version).ToArray();
            Assert.True(bytes.AsSpan().SequenceEqual(again), $"seed {seed} #{i} {packet.Type}: {Hex.Format(bytes)} != {Hex.Format(again)}");
        }
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Every_prefix_is_partial_and_every_split_decodes_the_same(MqttProtocolVersion version)
    {
        var packets = new RandomPackets(42);
        for (var i = 0; i < 200; i++)
        {
            var bytes = MqttPacketWriter.EncodeToArray(packets.Next(version), version);
            for (var cut = 0; cut < bytes.Length; cut++)
            {
                var prefix = new ReadOnlySequence<byte>(bytes, 0, cut);
                Assert.False(MqttPacketReader.TryRead(ref prefix, version, out _));
                Assert.Equal(cut, prefix.Length);

                var split = TwoSegments(bytes, cut);
                Assert.True(MqttPacketReader.TryRead(ref split, version, out var packet));
                Assert.True(split.IsEmpty, "all bytes consumed");
                Assert.Equal(Hex.Format(bytes), Hex.Format(MqttPacketWriter.EncodeToArray(packet!, version)));
            }
        }
    }

    [Fact]
    public void Back_to_back_packets_decode_in_order()
    {
        var bytes = Hex.Parse("c000 d000 40020001 e000");
        var buffer = new ReadOnlySequence<byte>(bytes);
        var types = new List<MqttPacketType>();
        while (MqttPacketReader.TryRead(ref buffer, MqttProtocolVersion.V311, out var packet))
        {
            types.Add(packet!.Type);
        }

        Assert.Equal([MqttPacketType.PingReq, MqttPacketType.PingResp, MqttPacketType.PubAck, MqttPacketType.Disconnect], types);
    }

    internal static ReadOnlySequence<byte> TwoSegments(byte[] bytes, int cut)
    {
        var first = new Segment(bytes.AsMemory(0, cut), 0);
        var second = first.Append(bytes.AsMemory(cut));
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

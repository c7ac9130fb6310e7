using System.Buffers;
using KapMonitor.Mqtt.Packets;

namespace KapMonitor.Mqtt.Tests.Packets;

/// <summary>Random and mutated input: the decoder may return a packet, report "partial", or throw MqttProtocolException — nothing else.</summary>
public sealed class FuzzTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311, 7)]
    [InlineData(MqttProtocolVersion.V500, 8)]
    public void Mutated_valid_packets_only_throw_protocol_exceptions(MqttProtocolVersion version, int seed)
    {
        var random = new Random(seed);
        var packets = new RandomPackets(seed);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = MqttPacketWriter.EncodeToArray(packets.Next(version), version);
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            DecodeAll(bytes, version);
        }
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, 9)]
    [InlineData(MqttProtocolVersion.V500, 10)]
    public void Random_bytes_only_throw_protocol_exceptions(MqttProtocolVersion version, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(2, 64)];
            random.NextBytes(bytes);
            if (random.Next(2) == 0)
            {
                // Keep the Remaining Length consistent so the body parsers, not just the header check, see junk.
                bytes[1] = (byte)Math.Min(127, bytes.Length - 2);
            }

            DecodeAll(bytes, version);
        }
    }

    private static void DecodeAll(byte[] bytes, MqttProtocolVersion version)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        try
        {
            while (MqttPacketReader.TryRead(ref buffer, version, out _, maximumPacketSize: 4096))
            {
            }
        }
        catch (MqttProtocolException)
        {
        }
    }
}

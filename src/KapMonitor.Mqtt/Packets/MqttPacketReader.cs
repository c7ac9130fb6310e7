using System.Buffers;

namespace KapMonitor.Mqtt.Packets;

/// <summary>
/// Decodes MQTT control packets from a byte sequence. Pure: no I/O, no state between calls. Returns false
/// when the sequence holds only part of a packet; throws <see cref="MqttProtocolException"/> (and nothing
/// else) when the bytes break the rules of the protocol version in use.
/// </summary>
public static partial class MqttPacketReader
{
    /// <summary>Largest packet the wire format allows: 1 + 4 + 268,435,455 bytes.</summary>
    public const int MaximumPacketSize = 1 + 4 + MqttVarInt.MaxValue;

    /// <summary>
    /// Tries to decode one packet from the start of <paramref name="buffer"/>. On success advances
    /// <paramref name="buffer"/> past it and returns true. <paramref name="version"/> is the protocol
    /// level of the connection (a CONNECT decodes by its own level). Packets larger than
    /// <paramref name="maximumPacketSize"/> are rejected with <see cref="MqttReasonCode.PacketTooLarge"/>
    /// as soon as the fixed header is complete.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, MqttProtocolVersion version, out MqttPacket? packet, int maximumPacketSize = MaximumPacketSize)
    {
        packet = null;
        if (buffer.IsEmpty)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[5];
        var available = (int)Math.Min(5, buffer.Length);
        buffer.Slice(0, available).CopyTo(header);
        if (!MqttVarInt.TryRead(header[1..available], out var remaining, out var lengthBytes))
        {
            return false;
        }

        var total = 1L + lengthBytes + remaining;
        if (total > maximumPacketSize)
        {
            throw new MqttProtocolException(MqttReasonCode.PacketTooLarge, $"Packet of {total} bytes exceeds the Maximum Packet Size of {maximumPacketSize} (MQTT 5.0 3.1.2.11.4).");
        }

        if (buffer.Length < total)
        {
            return false;
        }

        var body = buffer.Slice(1 + lengthBytes, remaining);
        packet = Decode(header[0], body, version);
        buffer = buffer.Slice(total);
        return true;
    }

    /// <summary>Decodes one complete packet held in <paramref name="bytes"/> (all bytes must be consumed).</summary>
    public static MqttPacket Decode(ReadOnlySpan<byte> bytes, MqttProtocolVersion version)
    {
        var sequence = new ReadOnlySequence<byte>(bytes.ToArray());
        if (!TryRead(ref sequence, version, out var packet))
        {
            throw new MqttProtocolException($"Incomplete packet: {bytes.Length} byte(s) do not hold a whole packet.");
        }

        if (!sequence.IsEmpty)
        {
            throw new MqttProtocolException($"{sequence.Length} byte(s) left after the packet.");
        }

        return packet!;
    }

    private static MqttPacket Decode(byte first, ReadOnlySequence<byte> body, MqttProtocolVersion version)
    {
        var type = (MqttPacketType)(first >> 4);
        var flags = first & 0x0F;
        if (type == 0 || (type == MqttPacketType.Auth && version != MqttProtocolVersion.V500))
        {
            throw new MqttProtocolException($"Reserved control packet type {(int)type} (first byte 0x{first:X2}).");
        }

        // Fixed-header flags are fixed for every type except PUBLISH ([MQTT-2.2.2-1] 3.1.1, 5.0 §2.1.3).
        var expectedFlags = type is MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe ? 0b0010 : 0;
        if (type != MqttPacketType.Publish && flags != expectedFlags)
        {
            throw new MqttProtocolException($"{type} has fixed-header flags 0b{Convert.ToString(flags, 2).PadLeft(4, '0')}; they must be 0b{Convert.ToString(expectedFlags, 2).PadLeft(4, '0')} (MQTT 2.2.2).");
        }

        var reader = new MqttBodyReader(body, type);
        var v5 = version == MqttProtocolVersion.V500;
        MqttPacket packet = type switch
        {
            MqttPacketType.Connect => ReadConnect(ref reader),
            MqttPacketType.ConnAck => ReadConnAck(ref reader, v5),
            MqttPacketType.Publish => ReadPublish(ref reader, flags, v5),
            MqttPacketType.PubAck => ReadPublishResponse(ref reader, v5, new MqttPubAckPacket()),
            MqttPacketType.PubRec => ReadPublishResponse(ref reader, v5, new MqttPubRecPacket()),
            MqttPacketType.PubRel => ReadPublishResponse(ref reader, v5, new MqttPubRelPacket()),
            MqttPacketType.PubComp => ReadPublishResponse(ref reader, v5, new MqttPubCompPacket()),
            MqttPacketType.Subscribe => ReadSubscribe(ref reader, v5),
            MqttPacketType.SubAck => ReadSubAck(ref reader, v5),
            MqttPacketType.Unsubscribe => ReadUnsubscribe(ref reader, v5),
            MqttPacketType.UnsubAck => ReadUnsubAck(ref reader, v5),
            MqttPacketType.PingReq => MqttPingReqPacket.Instance,
            MqttPacketType.PingResp => MqttPingRespPacket.Instance,
            MqttPacketType.Disconnect => ReadDisconnect(ref reader, v5),
            _ => ReadAuth(ref reader),
        };
        reader.ExpectEnd();
        return packet;
    }

    private static MqttProperties ReadPropertiesIf(ref MqttBodyReader reader, bool v5) =>
        v5 ? MqttPropertyReader.Read(ref reader, MqttPropertyReader.ContextOf(reader.Type)) : MqttProperties.Empty;

    private static MqttReasonCode ReadReasonCode(ref MqttBodyReader reader)
    {
        var value = reader.ReadByte();
        return Enum.IsDefined((MqttReasonCode)value)
            ? (MqttReasonCode)value
            : throw new MqttProtocolException($"{reader.Type} carries unknown reason code 0x{value:X2} (MQTT 5.0 2.4).");
    }

    // 5.0 §3.4.2.1: the reason code may be omitted (remaining length 2) and the property length too
    // (remaining length 3). The same shortening applies to DISCONNECT (§3.14.2.1) and AUTH (§3.15.2.1).
    private static (MqttReasonCode Reason, MqttProperties Properties) ReadOptionalReasonAndProperties(ref MqttBodyReader reader)
    {
        if (reader.End)
        {
            return (MqttReasonCode.Success, MqttProperties.Empty);
        }

        var reason = ReadReasonCode(ref reader);
        var properties = reader.End ? MqttProperties.Empty : MqttPropertyReader.Read(ref reader, MqttPropertyReader.ContextOf(reader.Type));
        return (reason, properties);
    }
}

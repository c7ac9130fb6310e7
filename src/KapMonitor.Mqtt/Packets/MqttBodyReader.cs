using System.Buffers;
using System.Text;

namespace KapMonitor.Mqtt.Packets;

/// <summary>
/// Reads the primitive data types of 5.0 §1.5 from one packet body. Every shortfall or rule break throws
/// <see cref="MqttProtocolException"/> naming the packet, because the fixed header already promised the
/// body length: running out inside it means the packet is malformed, not partial.
/// </summary>
internal ref struct MqttBodyReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private SequenceReader<byte> _reader;

    public MqttBodyReader(ReadOnlySequence<byte> body, MqttPacketType type)
    {
        _reader = new SequenceReader<byte>(body);
        Type = type;
    }

    public MqttPacketType Type { get; }

    public readonly long Remaining => _reader.Remaining;

    public readonly bool End => _reader.End;

    public byte ReadByte()
    {
        if (!_reader.TryRead(out var value))
        {
            throw Truncated("a byte");
        }

        return value;
    }

    public ushort ReadUInt16()
    {
        if (!_reader.TryReadBigEndian(out short value))
        {
            throw Truncated("a two-byte integer");
        }

        return (ushort)value;
    }

    public uint ReadUInt32()
    {
        if (!_reader.TryReadBigEndian(out int value))
        {
            throw Truncated("a four-byte integer");
        }

        return (uint)value;
    }

    public int ReadVarInt()
    {
        Span<byte> bytes = stackalloc byte[4];
        var available = (int)Math.Min(4, _reader.Remaining);
        _reader.TryCopyTo(bytes[..available]);
        if (!MqttVarInt.TryRead(bytes[..available], out var value, out var consumed))
        {
            throw Truncated("a Variable Byte Integer");
        }

        _reader.Advance(consumed);
        return value;
    }

    public ushort ReadPacketId()
    {
        var id = ReadUInt16();
        if (id == 0)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{Type} carries packet identifier 0 (MQTT 2.3.1-1).");
        }

        return id;
    }

    // UTF-8 Encoded String (5.0 §1.5.4): well-formed UTF-8 without U+0000 ([MQTT-1.5.4-1], [MQTT-1.5.4-2]).
    public string ReadString()
    {
        var length = ReadUInt16();
        if (_reader.Remaining < length)
        {
            throw Truncated($"a {length}-byte string");
        }

        string value;
        try
        {
            var sequence = _reader.UnreadSequence.Slice(0, length);
            value = s_strictUtf8.GetString(sequence);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MqttProtocolException($"{Type} contains a string that is not well-formed UTF-8 (MQTT 1.5.4-1).", ex);
        }

        _reader.Advance(length);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new MqttProtocolException($"{Type} contains a string with U+0000 (MQTT 1.5.4-2).");
        }

        return value;
    }

    public byte[] ReadBinary()
    {
        var length = ReadUInt16();
        return ReadBytes(length);
    }

    public byte[] ReadBytes(long length)
    {
        if (_reader.Remaining < length)
        {
            throw Truncated($"{length} bytes");
        }

        var value = _reader.UnreadSequence.Slice(0, length).ToArray();
        _reader.Advance(length);
        return value;
    }

    public byte[] ReadToEnd() => ReadBytes(_reader.Remaining);

    public ReadOnlySequence<byte> TakeSequence(int length)
    {
        if (_reader.Remaining < length)
        {
            throw Truncated($"a {length}-byte property block");
        }

        var slice = _reader.UnreadSequence.Slice(0, length);
        _reader.Advance(length);
        return slice;
    }

    public readonly void ExpectEnd()
    {
        if (!_reader.End)
        {
            throw new MqttProtocolException($"{Type} has {_reader.Remaining} unexpected trailing byte(s) after its last field.");
        }
    }

    private readonly MqttProtocolException Truncated(string what) =>
        new($"{Type} is malformed: its Remaining Length ends before {what}.");
}

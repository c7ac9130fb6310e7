using System.Buffers.Binary;
using System.Text;

namespace KapMonitor.Mqtt.Packets;

/// <summary>
/// Encodes packets into a reusable buffer (no allocation per packet once the buffer has grown). The body is
/// written after a 5-byte gap and the fixed header is placed right-aligned in front of it, so the Remaining
/// Length never needs a separate sizing pass. Not thread-safe: one writer per connection, like the socket.
/// </summary>
public sealed partial class MqttPacketWriter
{
    /// <summary>Largest Remaining Length a Variable Byte Integer can express (5.0 §1.5.5).</summary>
    public const int MaximumRemainingLength = 268_435_455;

    // Fixed header: one type byte plus up to four Remaining Length bytes.
    private const int HeaderReserve = 5;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _buffer;
    private int _position;

    /// <summary>Creates a writer with an initial buffer of <paramref name="initialCapacity"/> bytes.</summary>
    public MqttPacketWriter(int initialCapacity = 256) =>
        _buffer = new byte[Math.Max(initialCapacity, 16)];

    /// <summary>
    /// Encodes <paramref name="packet"/> for a connection speaking <paramref name="version"/>. The result is
    /// valid until the next call. Throws <see cref="ArgumentException"/> for packets that break the rules
    /// (wildcard topic name, packet id 0, AUTH in 3.1.1, ...): those are caller bugs, not wire input.
    /// </summary>
    public ReadOnlyMemory<byte> Encode(MqttPacket packet, MqttProtocolVersion version)
    {
        ArgumentNullException.ThrowIfNull(packet);
        _position = HeaderReserve;
        var first = WriteBody(packet, packet is MqttConnectPacket connect ? connect.ProtocolVersion : version);
        var remaining = _position - HeaderReserve;
        if (remaining > MaximumRemainingLength)
        {
            throw new ArgumentException($"{packet.Type} body of {remaining} bytes exceeds the MQTT maximum of {MaximumRemainingLength}.", nameof(packet));
        }

        var start = HeaderReserve - 1 - MqttVarInt.GetSize(remaining);
        _buffer[start] = first;
        MqttVarInt.Write(_buffer.AsSpan(start + 1), remaining);
        return _buffer.AsMemory(start, _position - start);
    }

    /// <summary>Encodes one packet into a new array (tests and one-off use).</summary>
    public static byte[] EncodeToArray(MqttPacket packet, MqttProtocolVersion version) =>
        new MqttPacketWriter().Encode(packet, version).ToArray();

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _position < count)
        {
            var size = Math.Max(_buffer.Length * 2, _position + count);
            Array.Resize(ref _buffer, size);
        }

        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private void WriteByte(byte value) => Reserve(1)[0] = value;

    private void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    private void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    private void WriteVarInt(int value)
    {
        if ((uint)value > MaximumRemainingLength)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Variable Byte Integer must be 0..268435455.");
        }

        MqttVarInt.Write(Reserve(MqttVarInt.GetSize(value)), value);
    }

    // UTF-8 Encoded String (5.0 §1.5.4): two-byte length, well-formed UTF-8, no U+0000.
    private void WriteString(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("MQTT strings must not contain U+0000 (MQTT 1.5.4).", nameof(value));
        }

        int length;
        try
        {
            length = s_strictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("MQTT strings must be well-formed UTF-16 (unpaired surrogate found).", nameof(value), ex);
        }

        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"MQTT strings are at most 65535 UTF-8 bytes (found {length}).", nameof(value));
        }

        WriteUInt16((ushort)length);
        s_strictUtf8.GetBytes(value, Reserve(length));
    }

    // Binary Data (5.0 §1.5.6): two-byte length then bytes.
    private void WriteBinary(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"MQTT binary data is at most 65535 bytes (found {value.Length}).", nameof(value));
        }

        WriteUInt16((ushort)value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    private void WriteRaw(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    private static void RequirePacketId(ushort packetId, MqttPacketType type)
    {
        if (packetId == 0)
        {
            throw new ArgumentException($"{type} needs a non-zero packet identifier (MQTT 2.3.1-1).", nameof(packetId));
        }
    }
}

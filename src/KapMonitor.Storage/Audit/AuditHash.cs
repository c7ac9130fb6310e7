using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace KapMonitor.Storage;

/// <summary>
/// The canonical hash of the clinical-record chain (docs/storage.md "Audit chain"):
/// <c>hash = SHA-256(prev_hash[32] ‖ str(room) ‖ i64be(seq) ‖ str(kind) ‖ i64be(at_unix_ns) ‖ str(session) ‖ str(payload))</c>
/// where <c>str(s)</c> is a big-endian u32 byte length followed by the UTF-8 bytes (a null session is
/// length 0xFFFFFFFF), so no two distinct records share an encoding. Each room's chain starts from
/// <c>SHA-256("KapMonitor audit genesis v1" ‖ str(room))</c>.
/// </summary>
public static class AuditHash
{
    /// <summary>Hash length in bytes.</summary>
    public const int Length = 32;

    private static readonly byte[] s_genesisLabel = Encoding.UTF8.GetBytes("KapMonitor audit genesis v1");

    /// <summary>The hash that the first clinical record of <paramref name="room"/> chains to.</summary>
    public static byte[] Genesis(string room)
    {
        ArgumentNullException.ThrowIfNull(room);
        var buffer = new ArrayBufferWriter<byte>(64);
        buffer.Write(s_genesisLabel);
        WriteString(buffer, room);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>Computes the hash of one record chained to <paramref name="prevHash"/>.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> prevHash, string room, long seq, string kind, long atUnixNanos, string? sessionId, string payload)
    {
        if (prevHash.Length != Length)
        {
            throw new ArgumentException($"Previous hash must be {Length} bytes.", nameof(prevHash));
        }

        var buffer = new ArrayBufferWriter<byte>(128 + (payload.Length * 3));
        buffer.Write(prevHash);
        WriteString(buffer, room);
        WriteInt64(buffer, seq);
        WriteString(buffer, kind);
        WriteInt64(buffer, atUnixNanos);
        WriteString(buffer, sessionId);
        WriteString(buffer, payload);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer.GetSpan(4), uint.MaxValue);
            buffer.Advance(4);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.GetSpan(4), (uint)length);
        buffer.Advance(4);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }
}

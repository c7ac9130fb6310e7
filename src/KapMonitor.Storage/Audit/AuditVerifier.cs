using Microsoft.Data.Sqlite;

namespace KapMonitor.Storage;

/// <summary>
/// Walks each room's clinical-record chain (see <see cref="AuditHash"/>) and reports the first broken link
/// per room. Works on a closed journal file or beside a running service (read-only connection).
/// </summary>
public static class AuditVerifier
{
    private const string Columns = "room, seq, kind, at, session_id, payload, prev_hash, hash";

    /// <summary>Verifies the journal at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="SqliteException">The file is not a readable journal.</exception>
    public static AuditVerifyResult Verify(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Journal file not found: {path}", path);
        }

        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(cs);
        connection.Open();
        using var tx = connection.BeginTransaction(deferred: true);
        var heads = ReadHeads(connection, tx);
        var rooms = new SortedSet<string>(heads.Keys, StringComparer.Ordinal);
        foreach (var room in ReadRooms(connection, tx))
        {
            rooms.Add(room);
        }

        var breaks = new List<AuditBreak>();
        long records = 0;
        foreach (var room in rooms)
        {
            var rows = ReadChain(connection, tx, room);
            records += rows.Count;
            if (VerifyRoom(room, rows, heads.GetValueOrDefault(room)) is { } broken)
            {
                breaks.Add(broken);
            }
        }

        return new AuditVerifyResult(rooms.Count, records, breaks);
    }

    private static AuditBreak? VerifyRoom(string room, List<ChainRow> rows, (long Seq, byte[] Hash)? head)
    {
        var expected = AuditHash.Genesis(room);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var recomputed = Recompute(row, row.Seq);
            if (!recomputed.AsSpan().SequenceEqual(row.Hash))
            {
                var originalSeq = rows.Where(r => r.Seq != row.Seq).Select(r => (long?)r.Seq).FirstOrDefault(s => Recompute(row, s!.Value).AsSpan().SequenceEqual(row.Hash));
                return originalSeq is { } moved
                    ? new AuditBreak(room, row.Seq, AuditBreakKind.Reordered, $"the record stored at seq {row.Seq} ({row.Kind}) was written as seq {moved}")
                    : new AuditBreak(room, row.Seq, AuditBreakKind.Altered, $"the {row.Kind} record's content does not match its hash {Short(row.Hash)}");
            }

            if (!row.PrevHash.AsSpan().SequenceEqual(expected))
            {
                var later = rows.Skip(i + 1).FirstOrDefault(r => r.Hash.AsSpan().SequenceEqual(row.PrevHash));
                var before = i == 0 ? "the start of the chain" : $"seq {rows[i - 1].Seq}";
                return later is not null
                    ? new AuditBreak(room, row.Seq, AuditBreakKind.Reordered, $"the record chains to seq {later.Seq}, which is stored after it")
                    : new AuditBreak(room, row.Seq, AuditBreakKind.Deleted, $"one or more records between {before} and seq {row.Seq} are missing (previous hash {Short(row.PrevHash)} matches no stored record)");
            }

            expected = row.Hash;
        }

        var lastSeq = rows.Count > 0 ? rows[^1].Seq : 0;
        if (head is null)
        {
            return rows.Count == 0 ? null : new AuditBreak(room, lastSeq, AuditBreakKind.Altered, "the room's chain head is missing from chain_heads");
        }

        if (head.Value.Seq != lastSeq || !head.Value.Hash.AsSpan().SequenceEqual(expected))
        {
            return head.Value.Seq > lastSeq
                ? new AuditBreak(room, head.Value.Seq, AuditBreakKind.Deleted, $"the chain ends at seq {lastSeq} but its recorded head is seq {head.Value.Seq}: the last records were deleted")
                : new AuditBreak(room, lastSeq, AuditBreakKind.Altered, $"the recorded chain head (seq {head.Value.Seq}) does not match the last record");
        }

        return null;
    }

    // Hashes use the stored integer time, not a DateTimeOffset round trip (which would hide a 1 ns edit).
    private static byte[] Recompute(ChainRow row, long seq) =>
        AuditHash.Compute(row.PrevHash.Length == AuditHash.Length ? row.PrevHash : new byte[AuditHash.Length], row.Room, seq, row.Kind, row.AtNanos, row.SessionId, row.Payload);

    private static string Short(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash)[..Math.Min(16, hash.Length * 2)] + "…";

    private static Dictionary<string, (long Seq, byte[] Hash)> ReadHeads(SqliteConnection connection, SqliteTransaction tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT room, seq, hash FROM chain_heads";
        using var reader = cmd.ExecuteReader();
        var heads = new Dictionary<string, (long, byte[])>(StringComparer.Ordinal);
        while (reader.Read())
        {
            heads[reader.GetString(0)] = (reader.GetInt64(1), (byte[])reader.GetValue(2));
        }

        return heads;
    }

    private static List<string> ReadRooms(SqliteConnection connection, SqliteTransaction tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT DISTINCT room FROM clinical_records";
        using var reader = cmd.ExecuteReader();
        var rooms = new List<string>();
        while (reader.Read())
        {
            rooms.Add(reader.GetString(0));
        }

        return rooms;
    }

    private static List<ChainRow> ReadChain(SqliteConnection connection, SqliteTransaction tx, string room)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT {Columns} FROM clinical_records WHERE room = $r ORDER BY seq";
        cmd.Parameters.AddWithValue("$r", room);
        using var reader = cmd.ExecuteReader();
        var rows = new List<ChainRow>();
        while (reader.Read())
        {
            rows.Add(new ChainRow(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? [] : (byte[])reader.GetValue(6),
                reader.IsDBNull(7) ? [] : (byte[])reader.GetValue(7)));
        }

        return rows;
    }

    private sealed record ChainRow(string Room, long Seq, string Kind, long AtNanos, string? SessionId, string Payload, byte[] PrevHash, byte[] Hash);
}

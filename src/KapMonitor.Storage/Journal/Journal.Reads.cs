using KapMonitor.Core.Observations;
using Microsoft.Data.Sqlite;

namespace KapMonitor.Storage;

public sealed partial class Journal
{
    private const string ObservationColumns = "room, seq, device_id, metric, value, validity, flags, received_at, device_time, original_value, original_unit";
    private const string StatusColumns = "room, seq, device_id, condition, active, at, code, detail";
    private const string ClinicalColumns = "room, seq, kind, at, session_id, payload, prev_hash, hash";

    /// <summary>Rooms that have any record, in ordinal order.</summary>
    public IReadOnlyList<string> Rooms()
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT room FROM rooms ORDER BY room";
        using var reader = cmd.ExecuteReader();
        var rooms = new List<string>();
        while (reader.Read())
        {
            rooms.Add(reader.GetString(0));
        }

        return rooms;
    }

    /// <summary>Up to <paramref name="max"/> observations of <paramref name="room"/> with seq above <paramref name="afterSeq"/>, oldest first.</summary>
    public IReadOnlyList<JournaledObservation> ReadObservations(string room, long afterSeq, int max)
    {
        using var connection = OpenReader();
        return ReadObservations(connection, null, room, afterSeq, max);
    }

    /// <summary>Up to <paramref name="max"/> status events of <paramref name="room"/> with seq above <paramref name="afterSeq"/>, oldest first.</summary>
    public IReadOnlyList<JournaledStatusEvent> ReadStatusEvents(string room, long afterSeq, int max)
    {
        using var connection = OpenReader();
        return ReadStatusEvents(connection, null, room, afterSeq, max);
    }

    /// <summary>Up to <paramref name="max"/> clinical records of <paramref name="room"/> with seq above <paramref name="afterSeq"/>, oldest first.</summary>
    public IReadOnlyList<ClinicalRecord> ReadClinical(string room, long afterSeq, int max)
    {
        using var connection = OpenReader();
        return ReadClinical(connection, null, room, afterSeq, max);
    }

    /// <summary>
    /// The outbox of a forwarder of clinical records (the MQTT forwarder): clinical records in seq order.
    /// Records are committed in seq order per room, so "after my cursor" never skips one.
    /// </summary>
    public IReadOnlyList<ClinicalRecord> ReadOutbox(string room, long afterSeq, int max) => ReadClinical(room, afterSeq, max);

    /// <summary>Every clinical record tagged with <paramref name="sessionId"/>, by room then seq.</summary>
    public IReadOnlyList<ClinicalRecord> ReadSession(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {ClinicalColumns} FROM clinical_records WHERE session_id = $s ORDER BY room, seq";
        cmd.Parameters.AddWithValue("$s", sessionId);
        return ReadAll(cmd, ReadClinicalRow);
    }

    /// <summary>
    /// Reads the requested kinds after <paramref name="afterSeq"/> in one snapshot, at most
    /// <paramref name="maxPerKind"/> of each, trimmed so that the page has no holes (see <see cref="JournalPage"/>).
    /// </summary>
    public JournalPage ReadPage(string room, long afterSeq, int maxPerKind, JournalRecordKinds kinds = JournalRecordKinds.All)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerKind, 1);
        return _recent.TryReadPage(room, afterSeq, maxPerKind, kinds) ?? ReadPageFromDatabase(room, afterSeq, maxPerKind, kinds);
    }

    /// <summary><see cref="ReadPage"/> without the in-memory window of recent commits.</summary>
    internal JournalPage ReadPageFromDatabase(string room, long afterSeq, int maxPerKind, JournalRecordKinds kinds)
    {
        using var connection = OpenReader();
        using var tx = connection.BeginTransaction(deferred: true);
        IReadOnlyList<JournaledObservation> observations = kinds.HasFlag(JournalRecordKinds.Observations) ? ReadObservations(connection, tx, room, afterSeq, maxPerKind) : [];
        IReadOnlyList<JournaledStatusEvent> status = kinds.HasFlag(JournalRecordKinds.StatusEvents) ? ReadStatusEvents(connection, tx, room, afterSeq, maxPerKind) : [];
        IReadOnlyList<ClinicalRecord> clinical = kinds.HasFlag(JournalRecordKinds.ClinicalRecords) ? ReadClinical(connection, tx, room, afterSeq, maxPerKind) : [];
        long roomLast;
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT last_seq FROM rooms WHERE room = $r";
            cmd.Parameters.AddWithValue("$r", room);
            roomLast = cmd.ExecuteScalar() is long l ? l : afterSeq;
        }

        tx.Commit();

        // A kind that filled its page may have more rows beyond its last seq; the page is complete only up
        // to the smallest such last seq.
        var upTo = Math.Max(afterSeq, roomLast);
        if (observations.Count == maxPerKind)
        {
            upTo = Math.Min(upTo, observations[^1].Seq);
        }

        if (status.Count == maxPerKind)
        {
            upTo = Math.Min(upTo, status[^1].Seq);
        }

        if (clinical.Count == maxPerKind)
        {
            upTo = Math.Min(upTo, clinical[^1].Seq);
        }

        return new JournalPage(
            room,
            observations.Count > 0 && observations[^1].Seq > upTo ? observations.Where(o => o.Seq <= upTo).ToList() : observations,
            status.Count > 0 && status[^1].Seq > upTo ? status.Where(s => s.Seq <= upTo).ToList() : status,
            clinical.Count > 0 && clinical[^1].Seq > upTo ? clinical.Where(c => c.Seq <= upTo).ToList() : clinical,
            upTo);
    }

    /// <summary>Position of the persistent cursor <paramref name="name"/> for <paramref name="room"/> (0 when never moved).</summary>
    public long GetCursor(string name, string room)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT seq FROM cursors WHERE name = $n AND room = $r";
        cmd.Parameters.AddWithValue("$n", name);
        cmd.Parameters.AddWithValue("$r", room);
        return cmd.ExecuteScalar() is long seq ? seq : 0;
    }

    /// <summary>
    /// Moves cursor <paramref name="name"/> of <paramref name="room"/> forward to <paramref name="seq"/> (never
    /// backward); the task completes once the move is committed. With <paramref name="commitNow"/> false the move
    /// rides the next group commit instead of forcing one (and its fsync): right for a forwarder whose replays
    /// are idempotent, which calls <see cref="FlushAsync"/> once per pass.
    /// </summary>
    public Task AdvanceCursorAsync(string name, string room, long seq, bool commitNow = true) => SetCursorAsync(name, room, seq, forwardOnly: true, commitNow);

    /// <summary>Sets cursor <paramref name="name"/> of <paramref name="room"/> to <paramref name="seq"/>, also backward (replays).</summary>
    public Task ResetCursorAsync(string name, string room, long seq) => SetCursorAsync(name, room, seq, forwardOnly: false, commitNow: true);

    /// <summary>Unforwarded observations per room, relative to cursor <paramref name="cursorName"/>.</summary>
    public IReadOnlyList<BacklogInfo> GetBacklog(string cursorName)
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT r.room, COUNT(o.seq), MIN(o.received_at)
            FROM rooms r
            LEFT JOIN cursors c ON c.name = $n AND c.room = r.room
            LEFT JOIN observations o ON o.room = r.room AND o.seq > COALESCE(c.seq, 0)
            GROUP BY r.room ORDER BY r.room
            """;
        cmd.Parameters.AddWithValue("$n", cursorName);
        return ReadAll(cmd, r => new BacklogInfo(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : UnixNanos.ToInstant(r.GetInt64(2))));
    }

    /// <summary>
    /// Retention: deletes observations and status events received before <paramref name="olderThan"/> that
    /// every cursor in <paramref name="cursorNames"/> has passed. Unforwarded data and clinical records are
    /// never deleted. Returns the number of rows deleted.
    /// </summary>
    public Task<long> DeleteForwardedAsync(IReadOnlyCollection<string> cursorNames, DateTimeOffset olderThan)
    {
        ArgumentNullException.ThrowIfNull(cursorNames);
        if (cursorNames.Count == 0)
        {
            throw new ArgumentException("Name at least one forwarder cursor; without one nothing counts as forwarded.", nameof(cursorNames));
        }

        var names = cursorNames.ToArray();
        var cutoff = UnixNanos.From(olderThan);
        return RunOnWriterAsync((connection, tx) =>
        {
            // The in-memory window must not serve rows this deletes; it refills from the next commit.
            _recent.Clear();
            long deleted = 0;
            foreach (var table in (ReadOnlySpan<(string Table, string Time)>)[("observations", "received_at"), ("status_events", "at")])
            {
                using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
                // The bound is the smallest cursor over the named forwarders; a missing cursor counts as 0.
                var bound = string.Join(", ", names.Select((_, i) => $"COALESCE((SELECT seq FROM cursors c WHERE c.name = $n{i} AND c.room = t.room), 0)"));
                var minBound = names.Length == 1 ? bound : $"MIN({bound})";
                cmd.CommandText = $"DELETE FROM {table.Table} AS t WHERE t.{table.Time} < $cutoff AND t.seq <= {minBound}";
                cmd.Parameters.AddWithValue("$cutoff", cutoff);
                for (var i = 0; i < names.Length; i++)
                {
                    cmd.Parameters.AddWithValue($"$n{i}", names[i]);
                }

                deleted += cmd.ExecuteNonQuery();
            }

            return deleted;
        });
    }

    private Task SetCursorAsync(string name, string room, long seq, bool forwardOnly, bool commitNow)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ValidateRoom(room);
        ArgumentOutOfRangeException.ThrowIfNegative(seq);
        var now = UnixNanos.From(_time.GetUtcNow());
        return RunOnWriterAsync((connection, tx) =>
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = forwardOnly
                ? "INSERT INTO cursors(name, room, seq, updated_at) VALUES($n, $r, $s, $t) ON CONFLICT(name, room) DO UPDATE SET seq = MAX(seq, excluded.seq), updated_at = excluded.updated_at"
                : "INSERT INTO cursors(name, room, seq, updated_at) VALUES($n, $r, $s, $t) ON CONFLICT(name, room) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at";
            cmd.Parameters.AddWithValue("$n", name);
            cmd.Parameters.AddWithValue("$r", room);
            cmd.Parameters.AddWithValue("$s", seq);
            cmd.Parameters.AddWithValue("$t", now);
            return cmd.ExecuteNonQuery();
        }, commitNow);
    }

    private SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _writerClosed), this);
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }

    private static List<JournaledObservation> ReadObservations(SqliteConnection connection, SqliteTransaction? tx, string room, long afterSeq, int max)
    {
        using var cmd = RangeCommand(connection, tx, "observations", ObservationColumns, room, afterSeq, max);
        // Every row is of this room: reuse the caller's string instead of allocating one per row.
        return ReadAll(cmd, r => ReadObservationRow(r, room));
    }

    private static List<JournaledStatusEvent> ReadStatusEvents(SqliteConnection connection, SqliteTransaction? tx, string room, long afterSeq, int max)
    {
        using var cmd = RangeCommand(connection, tx, "status_events", StatusColumns, room, afterSeq, max);
        return ReadAll(cmd, r => new JournaledStatusEvent(
            room,
            r.GetInt64(1),
            new DeviceStatusEvent(r.GetString(2), ConditionNames.FromWire(r.GetString(3)), r.GetInt64(4) != 0, UnixNanos.ToInstant(r.GetInt64(5)), r.GetInt32(6), r.IsDBNull(7) ? null : r.GetString(7))));
    }

    private static List<ClinicalRecord> ReadClinical(SqliteConnection connection, SqliteTransaction? tx, string room, long afterSeq, int max)
    {
        using var cmd = RangeCommand(connection, tx, "clinical_records", ClinicalColumns, room, afterSeq, max);
        return ReadAll(cmd, ReadClinicalRow);
    }

    private static SqliteCommand RangeCommand(SqliteConnection connection, SqliteTransaction? tx, string table, string columns, string room, long afterSeq, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT {columns} FROM {table} WHERE room = $r AND seq > $a ORDER BY seq LIMIT $m";
        cmd.Parameters.AddWithValue("$r", room);
        cmd.Parameters.AddWithValue("$a", afterSeq);
        cmd.Parameters.AddWithValue("$m", max);
        return cmd;
    }

    private static JournaledObservation ReadObservationRow(SqliteDataReader r, string room) => new(
        room,
        r.GetInt64(1),
        new Observation(
            r.GetString(2),
            MetricNames.FromWire(r.GetString(3)),
            r.IsDBNull(4) ? double.NaN : r.GetDouble(4),
            (Validity)r.GetInt32(5),
            (ObservationFlags)(uint)r.GetInt64(6),
            UnixNanos.ToInstant(r.GetInt64(7)),
            r.IsDBNull(8) ? null : UnixNanos.ToInstant(r.GetInt64(8)),
            r.IsDBNull(9) ? null : r.GetDouble(9),
            r.IsDBNull(10) ? null : r.GetString(10)));

    internal static ClinicalRecord ReadClinicalRow(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetInt64(1),
        r.GetString(2),
        UnixNanos.ToInstant(r.GetInt64(3)),
        r.IsDBNull(4) ? null : r.GetString(4),
        r.GetString(5),
        (byte[])r.GetValue(6),
        (byte[])r.GetValue(7));

    private static List<T> ReadAll<T>(SqliteCommand cmd, Func<SqliteDataReader, T> map)
    {
        using var reader = cmd.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }
}

using KapMonitor.Core.Observations;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KapMonitor.Storage;

/// <summary>
/// The observation INSERT on the raw SQLite statement, binding by index. Observations are the hot path
/// (≥ 50,000/s): going through <see cref="SqliteCommand"/> costs a name lookup and a boxed value per
/// parameter per row, which halved the append rate in benchmarks/KapMonitor.Benchmarks/Storage.
/// Runs inside the transaction that the writer opened on the same connection.
/// </summary>
internal sealed class ObservationInserter : IDisposable
{
    private const string Sql =
        "INSERT INTO observations(room, seq, device_id, metric, value, validity, flags, received_at, device_time, original_value, original_unit) " +
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

    private const int MaxCachedStrings = 1024;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    // Room ids, device ids and metric names repeat on every row: keep their UTF-8 instead of encoding each time.
    private readonly Dictionary<string, byte[]> _utf8 = new(StringComparer.Ordinal);

    public ObservationInserter(SqliteConnection connection)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, Sql, out _statement));
    }

    public void Insert(string room, long seq, in Observation o)
    {
        var s = _statement;
        BindText(s, 1, room);
        raw.sqlite3_bind_int64(s, 2, seq);
        BindText(s, 3, o.DeviceId);
        BindText(s, 4, MetricNames.ToWire(o.Metric));
        BindDouble(s, 5, o.Value);
        raw.sqlite3_bind_int(s, 6, (int)o.Validity);
        raw.sqlite3_bind_int64(s, 7, (long)o.Flags);
        raw.sqlite3_bind_int64(s, 8, UnixNanos.From(o.ReceivedAt));
        if (o.DeviceTime is { } deviceTime)
        {
            raw.sqlite3_bind_int64(s, 9, UnixNanos.From(deviceTime));
        }
        else
        {
            raw.sqlite3_bind_null(s, 9);
        }

        BindDouble(s, 10, o.OriginalValue ?? double.NaN);
        if (o.OriginalUnit is { } unit)
        {
            raw.sqlite3_bind_text(s, 11, unit);
        }
        else
        {
            raw.sqlite3_bind_null(s, 11);
        }

        var rc = raw.sqlite3_step(s);
        raw.sqlite3_reset(s);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
    }

    public void Dispose() => _statement.Dispose();

    // NaN and ±INF are stored as NULL: validity and flags already say why there is no number.
    private static void BindDouble(sqlite3_stmt s, int index, double value)
    {
        if (double.IsFinite(value))
        {
            raw.sqlite3_bind_double(s, index, value);
        }
        else
        {
            raw.sqlite3_bind_null(s, index);
        }
    }

    private void BindText(sqlite3_stmt s, int index, string value)
    {
        if (!_utf8.TryGetValue(value, out var bytes))
        {
            bytes = System.Text.Encoding.UTF8.GetBytes(value);
            if (_utf8.Count < MaxCachedStrings)
            {
                _utf8[value] = bytes;
            }
        }

        raw.sqlite3_bind_text(s, index, bytes);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE)
        {
            throw new SqliteException($"SQLite error {rc} inserting an observation: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
        }
    }
}

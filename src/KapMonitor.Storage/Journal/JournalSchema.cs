using Microsoft.Data.Sqlite;

namespace KapMonitor.Storage;

/// <summary>
/// Tables of the journal. Every table is keyed by (room, seq) WITHOUT ROWID, so reads "after seq" for a
/// room are range scans of the clustered key. Instants are Unix nanoseconds (<see cref="UnixNanos"/>).
/// </summary>
internal static class JournalSchema
{
    public const int Version = 1;

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS meta(
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS observations(
            room TEXT NOT NULL,
            seq INTEGER NOT NULL,
            device_id TEXT NOT NULL,
            metric TEXT NOT NULL,
            value REAL NULL,
            validity INTEGER NOT NULL,
            flags INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            device_time INTEGER NULL,
            original_value REAL NULL,
            original_unit TEXT NULL,
            PRIMARY KEY(room, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS status_events(
            room TEXT NOT NULL,
            seq INTEGER NOT NULL,
            device_id TEXT NOT NULL,
            condition TEXT NOT NULL,
            active INTEGER NOT NULL,
            at INTEGER NOT NULL,
            code INTEGER NOT NULL,
            detail TEXT NULL,
            PRIMARY KEY(room, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS clinical_records(
            room TEXT NOT NULL,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            at INTEGER NOT NULL,
            session_id TEXT NULL,
            payload TEXT NOT NULL,
            prev_hash BLOB NOT NULL,
            hash BLOB NOT NULL,
            PRIMARY KEY(room, seq)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS clinical_by_session ON clinical_records(session_id, room, seq) WHERE session_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS rooms(
            room TEXT PRIMARY KEY,
            last_seq INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS chain_heads(
            room TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            hash BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS cursors(
            name TEXT NOT NULL,
            room TEXT NOT NULL,
            seq INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY(name, room)) WITHOUT ROWID;
        """;

    public static void Create(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction();
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = Ddl;
            cmd.ExecuteNonQuery();
        }

        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
            var found = cmd.ExecuteScalar() as string;
            if (found is null)
            {
                cmd.CommandText = "INSERT INTO meta(key, value) VALUES('schema_version', $v)";
                cmd.Parameters.AddWithValue("$v", Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
                cmd.ExecuteNonQuery();
            }
            else if (found != Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException(
                    $"{connection.DataSource}: journal schema version {found} is not supported by this build (expects {Version}). " +
                    "Use the KapMonitor version that wrote it, or move the file aside to start a new journal.");
            }
        }

        tx.Commit();
    }
}

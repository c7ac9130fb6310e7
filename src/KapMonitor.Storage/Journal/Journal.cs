using System.Text.Json;
using System.Threading.Channels;
using KapMonitor.Core.Observations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KapMonitor.Storage;

/// <summary>
/// The durable local journal: one SQLite file in WAL mode holding observations, device status events and
/// hash-chained clinical records, each with a per-room sequence number shared by all record types.
/// Exactly one writer connection, owned by one background loop (docs/storage.md "Durability"):
/// observations and status events are group-committed within <see cref="JournalOptions.GroupCommitWindow"/>;
/// clinical records are committed and fsynced before <see cref="AppendClinicalAsync"/> completes.
/// Reads use separate pooled connections and see committed data only.
/// </summary>
public sealed partial class Journal : IAsyncDisposable, IDisposable
{
    private readonly JournalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _readConnectionString;
    private readonly SqliteConnection _writer;
    private readonly Channel<PendingWrite> _channel;
    private readonly Lock _seqGate = new();
    private readonly Dictionary<string, long> _lastSeq;
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task _loop;
    private TaskCompletionSource _wake = NewWake();
    private TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _committedRecords;
    private int _pending;
    private bool _closed;
    private bool _writerClosed;

    private Journal(JournalOptions options, TimeProvider time, ILogger logger, SqliteConnection writer, string readConnectionString)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _writer = writer;
        _readConnectionString = readConnectionString;
        _lastSeq = LoadLastSequences(writer);
        _chainHeads = LoadChainHeads(writer);
        _recent = new RecentRecords(options.RecentRecordsPerRoom);
        _channel = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        PrepareWriterCommands();
        _loop = Task.Run(RunWriterAsync);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; private init; } = "";

    /// <summary>Opens (creating when missing) the journal at <see cref="JournalOptions.Path"/>.</summary>
    public static Journal Open(JournalOptions options, TimeProvider? time = null, ILogger<Journal>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var path = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var writeCs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        var readCs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
        var writer = new SqliteConnection(writeCs);
        try
        {
            writer.Open();
            // WAL lets readers run beside the single writer. synchronous=FULL makes every commit fsync the
            // WAL before COMMIT returns (sqlite.org/pragma.html#pragma_synchronous, "WAL mode ... FULL");
            // group commit keeps that to ~10 fsyncs/s for observations.
            Execute(writer, "PRAGMA journal_mode=WAL;");
            Execute(writer, "PRAGMA synchronous=FULL;");
            Execute(writer, "PRAGMA busy_timeout=5000;");
            JournalSchema.Create(writer);
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        return new Journal(options, time ?? TimeProvider.System, logger ?? (ILogger)NullLogger.Instance, writer, readCs) { Path = path };
    }

    /// <summary>Appends an observation; returns its sequence number at once (committed within the group-commit window).</summary>
    public long AppendObservation(string room, in Observation observation)
    {
        ValidateRoom(room);
        ArgumentException.ThrowIfNullOrEmpty(observation.DeviceId, nameof(observation));
        return Enqueue(PendingKind.Observation, room, observation, default, null);
    }

    /// <summary>Appends a device status event; returns its sequence number at once (group-committed).</summary>
    public long AppendStatus(string room, in DeviceStatusEvent status)
    {
        ValidateRoom(room);
        ArgumentException.ThrowIfNullOrEmpty(status.DeviceId, nameof(status));
        return Enqueue(PendingKind.Status, room, default, status, null);
    }

    /// <summary>
    /// Appends a clinical record and completes once it is committed and fsynced, with its sequence number
    /// and audit hash. <paramref name="payloadJson"/> must be one JSON value; it is stored byte for byte.
    /// </summary>
    public Task<ClinicalRecord> AppendClinicalAsync(string room, string kind, DateTimeOffset at, string payloadJson, string? sessionId = null)
    {
        // Validates (and throws) here, at the call; only the commit is awaited.
        var appended = AppendClinicalAsync(room, [new ClinicalRecordDraft(kind, at, payloadJson, sessionId)]);
        return SingleAsync(appended);

        static async Task<ClinicalRecord> SingleAsync(Task<IReadOnlyList<ClinicalRecord>> appended) => (await appended)[0];
    }

    /// <summary>
    /// Appends several clinical records of <paramref name="room"/> in one transaction, with consecutive sequence
    /// numbers in the given order, and completes once all of them are committed and fsynced (one fsync): either
    /// all are journaled or, when the commit fails, none.
    /// </summary>
    public Task<IReadOnlyList<ClinicalRecord>> AppendClinicalAsync(string room, IReadOnlyList<ClinicalRecordDraft> drafts)
    {
        ValidateRoom(room);
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentOutOfRangeException.ThrowIfZero(drafts.Count, nameof(drafts));
        var entries = new PendingClinical.Entry[drafts.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var (kind, at, payloadJson, sessionId) = drafts[i];
            ArgumentException.ThrowIfNullOrWhiteSpace(kind, nameof(drafts));
            ArgumentNullException.ThrowIfNull(payloadJson, nameof(drafts));
            if (!IsJson(payloadJson))
            {
                throw new ArgumentException($"Clinical record '{kind}' payload is not valid JSON.", nameof(drafts));
            }

            entries[i] = new PendingClinical.Entry(kind, UnixNanos.From(at), sessionId, payloadJson);
        }

        var work = new PendingClinical(entries);
        Enqueue(PendingKind.Clinical, room, default, default, work);
        return work.Done.Task;
    }

    /// <summary>Commits everything appended before the call; completes when it is durable.</summary>
    public Task FlushAsync() => RunOnWriterAsync(static (_, _) => 0);

    /// <summary>Observations, status events and clinical records committed since the journal was opened.</summary>
    public long CommittedRecords => Interlocked.Read(ref _committedRecords);

    /// <summary>
    /// Completes once <see cref="CommittedRecords"/> reaches <paramref name="target"/>: lets a forwarder that
    /// normally polls start early when a burst of records arrives.
    /// </summary>
    public async Task WaitForCommittedAsync(long target, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // Read the signal before the count: a commit raises the count first, then completes the signal.
            var signal = Volatile.Read(ref _committed);
            if (CommittedRecords >= target)
            {
                return;
            }

            await signal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The highest sequence number handed out for <paramref name="room"/> (0 when none).</summary>
    public long LastSeq(string room)
    {
        lock (_seqGate)
        {
            return _lastSeq.GetValueOrDefault(room);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        lock (_seqGate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _channel.Writer.TryComplete();
        }

        Volatile.Read(ref _wake).TrySetResult();
        await _loop;
        CloseWriter();
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Test hook for crash simulation: stops the writer loop without committing what is pending and
    /// closes the file, as a power cut would.
    /// </summary>
    internal async Task AbandonAsync()
    {
        lock (_seqGate)
        {
            _closed = true;
            _channel.Writer.TryComplete();
        }

        await _abandon.CancelAsync();
        await _loop;
        CloseWriter();
    }

    internal Task<long> RunOnWriterAsync(Func<SqliteConnection, SqliteTransaction, long> run, bool urgent = true)
    {
        var work = new PendingCommand(run, urgent);
        Enqueue(PendingKind.Command, "", default, default, work);
        return work.Done.Task;
    }

    private long Enqueue(PendingKind kind, string room, in Observation observation, in DeviceStatusEvent status, object? work)
    {
        long seq = 0;
        var item = new PendingWrite(kind, room, 0, observation, status, work);
        lock (_seqGate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (item.SeqCount > 0)
            {
                // Seq assignment and enqueue happen under one lock so the writer commits each room's records in
                // seq order: a reader that sees seq N has seen every committed record below N.
                seq = _lastSeq.GetValueOrDefault(room) + 1;
                _lastSeq[room] = seq + item.SeqCount - 1;
                item = item with { Seq = seq };
            }

            _channel.Writer.TryWrite(item);
        }

        if (Interlocked.Increment(ref _pending) >= _options.MaxBatchSize || item.IsUrgent)
        {
            Volatile.Read(ref _wake).TrySetResult();
        }

        return seq;
    }

    private static void ValidateRoom(string room)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(room);
        if (room.Length > 200)
        {
            throw new ArgumentException("Room id is longer than 200 characters.", nameof(room));
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static Dictionary<string, long> LoadLastSequences(SqliteConnection connection)
    {
        // rooms.last_seq survives retention deleting every row of a room; the table maxima cover a file
        // written before the row of rooms was updated (same transaction, so only defensive).
        const string sql = """
            SELECT room, MAX(seq) FROM (
                SELECT room, last_seq AS seq FROM rooms
                UNION ALL SELECT room, MAX(seq) FROM observations GROUP BY room
                UNION ALL SELECT room, MAX(seq) FROM status_events GROUP BY room
                UNION ALL SELECT room, MAX(seq) FROM clinical_records GROUP BY room)
            GROUP BY room
            """;
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetString(0)] = reader.GetInt64(1);
        }

        return result;
    }

    private static Dictionary<string, byte[]> LoadChainHeads(SqliteConnection connection)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT room, hash FROM chain_heads";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetString(0)] = (byte[])reader.GetValue(1);
        }

        return result;
    }

    private void CloseWriter()
    {
        Volatile.Write(ref _writerClosed, true);
        DisposeWriterCommands();
        _writer.Dispose();
        // Pooled reader connections would keep the file open after the journal is gone.
        using var probe = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(probe);
        _abandon.Dispose();
    }
}

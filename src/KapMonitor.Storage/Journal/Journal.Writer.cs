using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Storage;

public sealed partial class Journal
{
    // Touched only by the writer loop once the constructor returns.
    private readonly Dictionary<string, byte[]> _chainHeads;
    private readonly RecentRecords _recent;
    private ObservationInserter _observationInserter = null!;
    private SqliteCommand _insertStatus = null!;
    private SqliteCommand _insertClinical = null!;
    private SqliteCommand _upsertRoom = null!;
    private SqliteCommand _upsertHead = null!;

    private async Task RunWriterAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<PendingWrite>(Math.Min(_options.MaxBatchSize, 16384));
        try
        {
            var lastDrain = _time.GetTimestamp();
            while (await reader.WaitToReadAsync(_abandon.Token))
            {
                // Everything pending arrived after the last drain, so waiting until lastDrain + window bounds each
                // item's wait by the window; when the previous commit (its fsync) took longer, nothing waits at all.
                var wake = Volatile.Read(ref _wake);
                var remaining = _options.GroupCommitWindow - _time.GetElapsedTime(lastDrain);
                if (!wake.Task.IsCompleted && remaining > TimeSpan.Zero)
                {
                    using var delayCts = CancellationTokenSource.CreateLinkedTokenSource(_abandon.Token);
                    await Task.WhenAny(wake.Task, Task.Delay(remaining, _time, delayCts.Token));
                    await delayCts.CancelAsync();
                    _abandon.Token.ThrowIfCancellationRequested();
                }

                // Replace the wake signal before draining: an urgent item enqueued after the drain then sets the
                // new signal and is committed without waiting a window.
                Interlocked.Exchange(ref _wake, NewWake());
                lastDrain = _time.GetTimestamp();
                batch.Clear();
                while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                if (Interlocked.Add(ref _pending, -batch.Count) >= _options.MaxBatchSize || reader.Completion.IsCompleted)
                {
                    Volatile.Read(ref _wake).TrySetResult();
                }

                Commit(batch);
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Simulated crash: whatever was pending is lost, as after a power cut; nobody waits forever for it.
            var lost = new ObjectDisposedException(nameof(Journal), "The journal was abandoned before this write was committed.");
            foreach (var item in batch)
            {
                FailWaiter(item, lost);
            }

            while (reader.TryRead(out var item))
            {
                FailWaiter(item, lost);
            }
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var heads = new Dictionary<string, (long Seq, byte[] Hash)>(StringComparer.Ordinal);
        var roomMax = new Dictionary<string, long>(StringComparer.Ordinal);
        var clinical = new List<PendingClinical>();
        var commandResults = new List<(PendingCommand Work, long Result)>();
        try
        {
            using var tx = _writer.BeginTransaction();
            SetTransaction(tx);
            foreach (var item in batch)
            {
                switch (item.Kind)
                {
                    case PendingKind.Observation:
                        _observationInserter.Insert(item.Room, item.Seq, item.Observation);
                        break;
                    case PendingKind.Status:
                        InsertStatus(item);
                        break;
                    case PendingKind.Clinical:
                        var work = (PendingClinical)item.Work!;
                        work.Records.Clear();
                        for (var i = 0; i < work.Entries.Length; i++)
                        {
                            work.Records.Add(InsertClinical(item.Room, item.Seq + i, work.Entries[i], heads));
                        }

                        clinical.Add(work);
                        break;
                    case PendingKind.Command:
                        var command = (PendingCommand)item.Work!;
                        commandResults.Add((command, command.Run(_writer, tx)));
                        break;
                    case PendingKind.Flush:
                        break;
                }

                if (item.SeqCount > 0)
                {
                    roomMax[item.Room] = item.Seq + item.SeqCount - 1;
                }
            }

            foreach (var (room, seq) in roomMax)
            {
                _upsertRoom.Parameters[0].Value = room;
                _upsertRoom.Parameters[1].Value = seq;
                _upsertRoom.ExecuteNonQuery();
            }

            foreach (var (room, head) in heads)
            {
                _upsertHead.Parameters[0].Value = room;
                _upsertHead.Parameters[1].Value = head.Seq;
                _upsertHead.Parameters[2].Value = head.Hash;
                _upsertHead.ExecuteNonQuery();
            }

            tx.Commit();
            SetTransaction(null);
        }
        catch (Exception ex)
        {
            // Per-iteration catch: the writer loop must survive a failed commit, or appends would pile up unseen.
            SetTransaction(null);
            _recent.Clear();
            var lost = batch.Count(i => i.Kind is PendingKind.Observation or PendingKind.Status);
            var refused = batch.Where(i => i.Kind == PendingKind.Clinical).Sum(i => i.SeqCount);
            _logger.LogError(ex, "Journal commit to {Path} failed; {Lost} observations/status events of this batch are lost and {Clinical} clinical records were refused. Check free disk space and file permissions.", Path, lost, refused);
            foreach (var item in batch)
            {
                FailWaiter(item, ex);
            }

            return;
        }

        foreach (var (room, head) in heads)
        {
            _chainHeads[room] = head.Hash;
        }

        _recent.AddCommitted(CommittedEntries(batch));
        Interlocked.Add(ref _committedRecords, batch.Sum(i => i.SeqCount));
        Interlocked.Exchange(ref _committed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        foreach (var work in clinical)
        {
            work.Done.TrySetResult(work.Records);
        }

        foreach (var (work, result) in commandResults)
        {
            work.Done.TrySetResult(result);
        }
    }

    // The batch's records as a reader would get them back from the database (UTC instants at the stored
    // resolution, non-finite values as NaN or null), in commit order.
    private static IEnumerable<RecentRecords.Entry> CommittedEntries(List<PendingWrite> batch)
    {
        foreach (var item in batch)
        {
            switch (item.Kind)
            {
                case PendingKind.Observation:
                    var o = item.Observation;
                    var stored = o with
                    {
                        Value = double.IsFinite(o.Value) ? o.Value : double.NaN,
                        ReceivedAt = AsStored(o.ReceivedAt),
                        DeviceTime = o.DeviceTime is { } t ? AsStored(t) : null,
                        OriginalValue = o.OriginalValue is { } v && double.IsFinite(v) ? v : null,
                    };
                    yield return new(item.Room, item.Seq, JournalRecordKinds.Observations, stored, default, null);
                    break;
                case PendingKind.Status:
                    yield return new(item.Room, item.Seq, JournalRecordKinds.StatusEvents, default, item.Status with { At = AsStored(item.Status.At) }, null);
                    break;
                case PendingKind.Clinical:
                    foreach (var record in ((PendingClinical)item.Work!).Records)
                    {
                        yield return new(item.Room, record.Seq, JournalRecordKinds.ClinicalRecords, default, default, record);
                    }

                    break;
            }
        }

        static DateTimeOffset AsStored(DateTimeOffset instant) => UnixNanos.ToInstant(UnixNanos.From(instant));
    }

    private static void FailWaiter(PendingWrite item, Exception ex)
    {
        switch (item.Work)
        {
            case PendingClinical clinical:
                clinical.Done.TrySetException(ex);
                break;
            case PendingCommand command:
                command.Done.TrySetException(ex);
                break;
        }
    }

    private void InsertStatus(PendingWrite item)
    {
        var s = item.Status;
        var p = _insertStatus.Parameters;
        p[0].Value = item.Room;
        p[1].Value = item.Seq;
        p[2].Value = s.DeviceId;
        p[3].Value = ConditionNames.ToWire(s.Condition);
        p[4].Value = s.Active ? 1 : 0;
        p[5].Value = UnixNanos.From(s.At);
        p[6].Value = s.Code;
        p[7].Value = (object?)s.Detail ?? DBNull.Value;
        _insertStatus.ExecuteNonQuery();
    }

    private ClinicalRecord InsertClinical(string room, long seq, PendingClinical.Entry entry, Dictionary<string, (long Seq, byte[] Hash)> heads)
    {
        var prev = heads.TryGetValue(room, out var pending) ? pending.Hash
            : _chainHeads.TryGetValue(room, out var committed) ? committed
            : AuditHash.Genesis(room);
        var hash = AuditHash.Compute(prev, room, seq, entry.Kind, entry.AtUnixNanos, entry.SessionId, entry.Payload);
        var p = _insertClinical.Parameters;
        p[0].Value = room;
        p[1].Value = seq;
        p[2].Value = entry.Kind;
        p[3].Value = entry.AtUnixNanos;
        p[4].Value = (object?)entry.SessionId ?? DBNull.Value;
        p[5].Value = entry.Payload;
        p[6].Value = prev;
        p[7].Value = hash;
        _insertClinical.ExecuteNonQuery();
        heads[room] = (seq, hash);
        return new ClinicalRecord(room, seq, entry.Kind, UnixNanos.ToInstant(entry.AtUnixNanos), entry.SessionId, entry.Payload, prev, hash);
    }

    private void PrepareWriterCommands()
    {
        _observationInserter = new ObservationInserter(_writer);
        _insertStatus = Prepare(
            "INSERT INTO status_events(room, seq, device_id, condition, active, at, code, detail) " +
            "VALUES($room, $seq, $device, $condition, $active, $at, $code, $detail)",
            "$room", "$seq", "$device", "$condition", "$active", "$at", "$code", "$detail");
        _insertClinical = Prepare(
            "INSERT INTO clinical_records(room, seq, kind, at, session_id, payload, prev_hash, hash) " +
            "VALUES($room, $seq, $kind, $at, $session, $payload, $prev, $hash)",
            "$room", "$seq", "$kind", "$at", "$session", "$payload", "$prev", "$hash");
        _upsertRoom = Prepare(
            "INSERT INTO rooms(room, last_seq) VALUES($room, $seq) ON CONFLICT(room) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq)",
            "$room", "$seq");
        _upsertHead = Prepare(
            "INSERT INTO chain_heads(room, seq, hash) VALUES($room, $seq, $hash) ON CONFLICT(room) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            "$room", "$seq", "$hash");
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var cmd = _writer.CreateCommand();
        cmd.CommandText = sql;
        foreach (var name in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter(name, null));
        }

        return cmd;
    }

    private void SetTransaction(SqliteTransaction? tx)
    {
        _insertStatus.Transaction = tx;
        _insertClinical.Transaction = tx;
        _upsertRoom.Transaction = tx;
        _upsertHead.Transaction = tx;
    }

    private void DisposeWriterCommands()
    {
        _observationInserter.Dispose();
        _insertStatus.Dispose();
        _insertClinical.Dispose();
        _upsertRoom.Dispose();
        _upsertHead.Dispose();
    }
}

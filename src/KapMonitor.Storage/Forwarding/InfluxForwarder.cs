using System.Buffers;
using KapMonitor.Influx;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KapMonitor.Storage;

/// <summary>
/// Store-and-forward from the journal to InfluxDB (docs/storage.md "Forwarding"). Each pass reads every room
/// after the persistent cursor, oldest first, one page per room in turn, writes it with the
/// <see cref="InfluxBatchWriter"/> and moves the cursor only once InfluxDB stored or permanently refused every
/// line. An outage leaves the cursor where it is, so the data wait in the journal and go out, oldest first,
/// when the server is back; a replay only rewrites identical points. The endpoint must use nanosecond precision.
/// </summary>
public sealed partial class InfluxForwarder : BackgroundService
{
    private readonly Journal _journal;
    private readonly InfluxBatchWriter _writer;
    private readonly InfluxForwarderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JournalRecordKinds _kinds;
    private ForwardPassStatus _lastStatus = ForwardPassStatus.CaughtUp;
    private BufferState _state;

    /// <summary>Creates a forwarder; run it as a hosted service or call <see cref="ForwardOnceAsync"/>.</summary>
    public InfluxForwarder(Journal journal, InfluxBatchWriter writer, InfluxForwarderOptions options, TimeProvider? time = null, ILogger<InfluxForwarder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _journal = journal;
        _writer = writer;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _kinds = JournalRecordKinds.Observations
            | (options.ForwardStatusEvents ? JournalRecordKinds.StatusEvents : 0)
            | (options.ForwardClinicalRecords ? JournalRecordKinds.ClinicalRecords : 0);
        _state = new BufferState(0, TimeSpan.Zero, false, _time.GetUtcNow());
    }

    /// <summary>Name of the journal cursor this forwarder moves.</summary>
    public string CursorName => _options.CursorName;

    /// <summary>The last measured backlog.</summary>
    public BufferState State => Volatile.Read(ref _state);

    /// <summary>Raised when the buffer starts or stops filling (see <see cref="BufferState.IsFilling"/>).</summary>
    public event EventHandler<BufferState>? BufferStateChanged;

    /// <summary>Forwards every room until caught up, or until InfluxDB fails.</summary>
    public async Task<ForwardPassResult> ForwardOnceAsync(CancellationToken cancellationToken = default)
    {
        var moves = new List<Task>();
        try
        {
            return Report(await ForwardRoomsAsync(moves, cancellationToken));
        }
        finally
        {
            // Cursor moves ride the journal's group commit (a lost one only replays identical points); one
            // flush per pass makes them durable and visible before the pass returns.
            if (moves.Count > 0)
            {
                await _journal.FlushAsync();
                await Task.WhenAll(moves);
            }
        }
    }

    private async Task<ForwardPassResult> ForwardRoomsAsync(List<Task> moves, CancellationToken cancellationToken)
    {
        long sent = 0;
        long refused = 0;
        var rooms = _journal.Rooms();
        var cursors = rooms.ToDictionary(r => r, r => _journal.GetCursor(_options.CursorName, r), StringComparer.Ordinal);
        var behind = new HashSet<string>(rooms, StringComparer.Ordinal);
        while (behind.Count > 0)
        {
            // One page per room in turn, so one room's large backlog does not starve live data of the others.
            foreach (var room in rooms.Where(behind.Contains).ToList())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cursor = cursors[room];
                var page = _journal.ReadPage(room, cursor, _options.BatchSize, _kinds);
                if (page.UpToSeq <= cursor)
                {
                    behind.Remove(room);
                    continue;
                }

                var (result, points) = await SendAsync(page, cancellationToken);
                if (result is not null && result.Status != BatchWriteStatus.Completed)
                {
                    return new ForwardPassResult(
                        result.Status == BatchWriteStatus.Failed ? ForwardPassStatus.Failed : ForwardPassStatus.Deferred,
                        sent,
                        refused,
                        result.LastFailure?.Message ?? result.Status.ToString());
                }

                var rejected = 0L;
                foreach (var r in result?.Rejected ?? [])
                {
                    // A partial write stored the request's good lines; only its dropped count (when the server
                    // gives one) is lost. Rejected and too-large requests lost every line.
                    var lost = r.Outcome.Kind == WriteOutcomeKind.PartialWrite ? r.Outcome.DroppedCount ?? 0 : r.LineCount;
                    rejected += lost;
                    LogSkipped(_logger, r.Outcome.Kind, r.LineCount, room, cursor + 1, page.UpToSeq, r.Outcome.Message);
                }

                sent += points - rejected;
                refused += rejected;

                moves.Add(_journal.AdvanceCursorAsync(_options.CursorName, room, page.UpToSeq, commitNow: false));
                cursors[room] = page.UpToSeq;
                if (page.Observations.Count < _options.BatchSize && page.StatusEvents.Count < _options.BatchSize && page.ClinicalRecords.Count < _options.BatchSize)
                {
                    behind.Remove(room);
                }
            }
        }

        return new ForwardPassResult(ForwardPassStatus.CaughtUp, sent, refused);
    }

    /// <summary>Measures the backlog, updates <see cref="State"/> and raises <see cref="BufferStateChanged"/> on a change of filling.</summary>
    public BufferState CheckBacklog()
    {
        var now = _time.GetUtcNow();
        var backlog = _journal.GetBacklog(_options.CursorName);
        var count = backlog.Sum(b => b.Count);
        var oldest = backlog.Where(b => b.OldestReceivedAt is not null).Select(b => b.OldestReceivedAt!.Value).DefaultIfEmpty(now).Min();
        var age = now > oldest ? now - oldest : TimeSpan.Zero;
        var state = new BufferState(count, age, count > _options.BacklogAlarmCount || (count > 0 && age > _options.BacklogAlarmAge), now);
        var previous = Interlocked.Exchange(ref _state, state);
        if (previous.IsFilling != state.IsFilling)
        {
            if (state.IsFilling)
            {
                LogBufferFilling(_logger, state.UnforwardedObservations, state.OldestAge);
            }
            else
            {
                LogBufferDrained(_logger, state.UnforwardedObservations);
            }

            BufferStateChanged?.Invoke(this, state);
        }

        return state;
    }

    /// <summary>Deletes forwarded observations older than <see cref="InfluxForwarderOptions.Retention"/>; returns rows deleted.</summary>
    public async Task<long> ApplyRetentionAsync()
    {
        if (_options.Retention is not { } keep)
        {
            return 0;
        }

        var deleted = await _journal.DeleteForwardedAsync([_options.CursorName], _time.GetUtcNow() - keep);
        if (deleted > 0)
        {
            LogRetention(_logger, deleted, keep.TotalDays);
        }

        return deleted;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass reads SQLite synchronously; do not hold up the host's StartAsync with it.
        await Task.Yield();
        var retryDelay = _options.InitialRetryDelay;
        var nextBacklogCheck = _time.GetTimestamp();
        var nextRetention = _time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            var status = ForwardPassStatus.Deferred;
            var committedBefore = _journal.CommittedRecords;
            try
            {
                status = (await ForwardOnceAsync(stoppingToken)).Status;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPassFailed(_logger, ex);
            }

            try
            {
                if (_time.GetTimestamp() >= nextBacklogCheck)
                {
                    CheckBacklog();
                    nextBacklogCheck = After(_options.BacklogCheckInterval);
                }

                if (_time.GetTimestamp() >= nextRetention)
                {
                    await ApplyRetentionAsync();
                    nextRetention = After(_options.RetentionInterval);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogMaintenanceFailed(_logger, ex);
            }

            TimeSpan wait;
            if (status == ForwardPassStatus.CaughtUp)
            {
                retryDelay = _options.InitialRetryDelay;
                wait = _options.PollInterval;
            }
            else
            {
                wait = retryDelay;
                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }

            try
            {
                if (status == ForwardPassStatus.CaughtUp)
                {
                    // The poll, or a burst of records, whichever comes first.
                    using var waits = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    await Task.WhenAny(Task.Delay(wait, _time, waits.Token), _journal.WaitForCommittedAsync(committedBefore + _options.EagerRecords, waits.Token));
                    await waits.CancelAsync();
                    stoppingToken.ThrowIfCancellationRequested();
                }
                else
                {
                    await Task.Delay(wait, _time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private long After(TimeSpan interval) => _time.GetTimestamp() + (long)(interval.TotalSeconds * _time.TimestampFrequency);

    private async Task<(BatchWriteResult? Result, long Points)> SendAsync(JournalPage page, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, page.Count * 160));
        using (var lines = new LineProtocolWriter(buffer))
        {
            foreach (var o in page.Observations)
            {
                TryFormat(lines, page.Room, o.Seq, () => InfluxPointFormatter.Write(lines, o));
            }

            foreach (var s in page.StatusEvents)
            {
                TryFormat(lines, page.Room, s.Seq, () => InfluxPointFormatter.Write(lines, s));
            }

            foreach (var c in page.ClinicalRecords)
            {
                TryFormat(lines, page.Room, c.Seq, () => InfluxPointFormatter.Write(lines, c));
            }

            if (lines.LineCount == 0)
            {
                return (null, 0);
            }

            return (await _writer.WriteAsync(buffer.WrittenMemory, cancellationToken), lines.LineCount);
        }
    }

    private void TryFormat(LineProtocolWriter lines, string room, long seq, Action write)
    {
        try
        {
            write();
        }
        catch (ArgumentException ex)
        {
            // A record line protocol cannot carry (e.g. a line break in a device id) is skipped, not retried forever.
            lines.DiscardLine();
            LogUnformattable(_logger, room, seq, ex.Message);
        }
    }

    private ForwardPassResult Report(ForwardPassResult result)
    {
        var previous = _lastStatus;
        _lastStatus = result.Status;
        if (result.Status == previous)
        {
            return result;
        }

        switch (result.Status)
        {
            case ForwardPassStatus.Failed:
                LogConfigurationProblem(_logger, result.Reason ?? "");
                break;
            case ForwardPassStatus.Deferred:
                LogOutage(_logger, result.Reason ?? "");
                break;
            default:
                LogRecovered(_logger, result.PointsSent);
                break;
        }

        return result;
    }
}

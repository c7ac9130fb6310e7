using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Observations;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Client;
using KapMonitor.Service.Pipeline;
using KapMonitor.Storage;

namespace KapMonitor.Service.Forwarding;

/// <summary>
/// A room's MQTT side: its own connection (so the broker's Will can mark exactly this room offline),
/// the outbox loop publishing journaled alarm, session and discharge events at least once and in
/// sequence order, and best-effort QoS 0 vitals.
/// </summary>
public sealed partial class RoomMqttPublisher : BackgroundService, IRoomObserver
{
    /// <summary>Journal cursor of the MQTT outbox.</summary>
    public const string CursorName = "mqtt";

    private const int BatchSize = 256;
    private readonly RoomRuntime _room;
    private readonly Journal _journal;
    private readonly RoomTopics _topics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MqttClient _client;
    private readonly VitalsPayload _vitals;
    // Journaled records in sequence order, handed over by the room as they become durable; null = "announce online".
    private readonly Channel<ClinicalRecord?> _outbox = Channel.CreateUnbounded<ClinicalRecord?>(new UnboundedChannelOptions { SingleReader = true });

    public RoomMqttPublisher(RoomRuntime room, Journal journal, MqttClientOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        _room = room;
        _journal = journal;
        _time = time;
        _topics = new RoomTopics(room.Site, room.RoomId);
        _vitals = new VitalsPayload(room.Site, room.RoomId);
        _logger = loggers.CreateLogger($"KapMonitor.Mqtt.{room.RoomId}");
        _client = new MqttClient(options with
        {
            Will = new MqttWill { Message = StatusMessage("offline") },
            TimeProvider = time,
        }, loggers.CreateLogger<MqttClient>());
        _client.ConnectionStateChanged += OnConnectionStateChanged;
        room.AddObserver(this);
    }

    /// <summary>The room's client (state, for health checks).</summary>
    public MqttClient Client => _client;

    /// <summary>The room this connection serves.</summary>
    public RoomRuntime Room => _room;

    /// <summary>Events published since start.</summary>
    public long Published { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _client.Start();
        await RunOutboxAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A graceful stop says offline itself (a DISCONNECT discards the Will); a crash leaves it to the Will.
        var offline = _client.PublishAsync(StatusMessage("offline"), cancellationToken);
        await Observe(offline.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken));
        await _client.DisposeAsync();
        await Observe(offline);

        static async Task Observe(Task task)
        {
            try
            {
                await task;
            }
            catch (Exception ex) when (ex is MqttException or TimeoutException or OperationCanceledException or ObjectDisposedException)
            {
                // Not connected at shutdown: nothing more to do.
            }
        }
    }

    /// <summary>
    /// The outbox: first whatever the journal holds past the cursor (records from before this process listened,
    /// and any the last run did not get acknowledged), then each record the room journals, handed over in memory
    /// as it becomes durable, so a live alarm costs no journal read. Records at or below the last published
    /// sequence are skipped, which makes the hand-over between the two gap-free and duplicate-free.
    /// </summary>
    private async Task RunOutboxAsync(CancellationToken stoppingToken)
    {
        long published;
        try
        {
            published = await PublishBacklogAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            while (await _outbox.Reader.WaitToReadAsync(stoppingToken))
            {
                var before = published;
                while (_outbox.Reader.TryRead(out var record))
                {
                    if (record is null)
                    {
                        // The connection came (back) up: the retained status says online, in order with the events.
                        await _client.PublishAsync(StatusMessage("online"), stoppingToken);
                    }
                    else if (record.Seq > published)
                    {
                        await PublishRecordAsync(record, stoppingToken);
                        published = record.Seq;
                    }
                }

                if (published > before)
                {
                    // Acknowledged by the broker; the move rides the next group commit (no fsync of its own): after
                    // a crash a few events may go out again with the same event ids, which consumers dedupe.
                    ObserveCursorMove(_journal.AdvanceCursorAsync(CursorName, _room.RoomId, published, commitNow: false));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Publishes the journal's records past the cursor, retrying a failing journal with backoff; returns the last published sequence.</summary>
    private async Task<long> PublishBacklogAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                var cursor = _journal.GetCursor(CursorName, _room.RoomId);
                while (true)
                {
                    var records = _journal.ReadOutbox(_room.RoomId, cursor, BatchSize);
                    if (records.Count == 0)
                    {
                        return cursor;
                    }

                    foreach (var record in records)
                    {
                        await PublishRecordAsync(record, stoppingToken);
                    }

                    // The cursor moves only after every record up to it was acknowledged by the broker.
                    cursor = records[^1].Seq;
                    await _journal.AdvanceCursorAsync(CursorName, _room.RoomId, cursor);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.OutboxFailed(_logger, _room.RoomId, backoff, ex);
                await Task.Delay(backoff, _time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private void ObserveCursorMove(Task move)
    {
        if (!move.IsCompletedSuccessfully)
        {
            // A failed commit is logged by the journal; the cursor then stays behind and only replays events.
            move.ContinueWith(static (t, state) => Log.CursorNotSaved((ILogger)state!, t.Exception!.GetBaseException().Message), _logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task PublishRecordAsync(ClinicalRecord record, CancellationToken stoppingToken)
    {
        if (RoomEventEnvelope.Route(record, _topics) is not { } route)
        {
            return;
        }

        var message = new MqttApplicationMessage
        {
            Topic = route.Topic,
            Payload = RoomEventEnvelope.Build(record, _room.Site, route.Type),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            Retain = route.Retain,
            ContentType = "application/json",
        };

        // Until the broker acknowledges: a QoS 1 publish waits through reconnects; a failed one is retried
        // with the same event id, which is what makes delivery at-least-once across broker restarts.
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                var result = await _client.PublishAsync(message, stoppingToken);
                if (result.IsSuccess)
                {
                    Published++;
                    return;
                }

                Log.PublishRefused(_logger, route.Topic, result.ReasonCode.ToString(), result.ReasonString);
            }
            catch (MqttException ex)
            {
                Log.PublishRetry(_logger, route.Topic, record.Seq, ex.Message);
            }

            await Task.Delay(delay, _time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    // Vitals are best effort (QoS 0; the journal and InfluxDB are the record): queued straight onto the connection
    // from the room loop, with no task per reading, and dropped while the broker is unreachable.
    void IRoomObserver.OnObservation(string room, long seq, in Observation observation) => _client.TryPublishAtMostOnce(VitalsMessage(observation));

    void IRoomObserver.OnStatus(string room, long seq, in DeviceStatusEvent status)
    {
    }

    void IRoomObserver.OnDecision(string room, ClinicalRecord record, EngineDecision decision)
    {
    }

    void IRoomObserver.OnClinicalRecord(string room, ClinicalRecord record) => _outbox.Writer.TryWrite(record);

    private void OnConnectionStateChanged(object? sender, MqttConnectionStateChangedEventArgs e)
    {
        if (e.State == MqttConnectionState.Connected)
        {
            Log.Connected(_logger, _room.RoomId, _client.Options.Host, _client.Options.Port);
            // The outbox loop publishes the retained "online" status; the Will publishes "offline".
            _outbox.Writer.TryWrite(null);
        }
        else if (e.Error is { } error)
        {
            Log.ConnectionProblem(_logger, _room.RoomId, e.State.ToString(), error.Message);
        }
    }

    private MqttApplicationMessage StatusMessage(string state) => new()
    {
        Topic = _topics.Status,
        Payload = JsonSerializer.SerializeToUtf8Bytes(new { state, site = _room.Site, room = _room.RoomId, time = _time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture) }),
        QualityOfService = MqttQualityOfService.AtLeastOnce,
        Retain = true,
        ContentType = "application/json",
    };

    private MqttApplicationMessage VitalsMessage(in Observation o)
    {
        var info = MetricCatalog.Get(o.Metric);
        return new MqttApplicationMessage
        {
            Topic = _topics.Vitals,
            Payload = _vitals.Build(o, info),
            QualityOfService = MqttQualityOfService.AtMostOnce,
            MessageExpiryInterval = 60,
            ContentType = "application/json",
        };
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Room {Room}: MQTT connected to {Host}:{Port}")]
        public static partial void Connected(ILogger logger, string room, string host, int port);

        [LoggerMessage(LogLevel.Warning, "Room {Room}: MQTT {State}: {Reason}; events wait in the journal outbox")]
        public static partial void ConnectionProblem(ILogger logger, string room, string state, string reason);

        [LoggerMessage(LogLevel.Warning, "Room {Room}: MQTT outbox failed; retrying in {Delay}")]
        public static partial void OutboxFailed(ILogger logger, string room, TimeSpan delay, Exception exception);

        [LoggerMessage(LogLevel.Warning, "MQTT outbox cursor not saved ({Reason}); after a restart some events are published again with the same event ids")]
        public static partial void CursorNotSaved(ILogger logger, string reason);

        [LoggerMessage(LogLevel.Error, "MQTT broker refused publication to {Topic}: {Reason} {ReasonString}; check the broker ACL for this room. Retrying; nothing is lost.")]
        public static partial void PublishRefused(ILogger logger, string topic, string reason, string? reasonString);

        [LoggerMessage(LogLevel.Debug, "Publish to {Topic} (seq {Seq}) interrupted: {Reason}; retrying")]
        public static partial void PublishRetry(ILogger logger, string topic, long seq, string reason);
    }
}

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
    private readonly Channel<Observation> _vitals = Channel.CreateBounded<Observation>(
        new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _announceOnline;

    public RoomMqttPublisher(RoomRuntime room, Journal journal, MqttClientOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        _room = room;
        _journal = journal;
        _time = time;
        _topics = new RoomTopics(room.Site, room.RoomId);
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
        await Task.WhenAll(RunOutboxAsync(stoppingToken), RunVitalsAsync(stoppingToken));
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

    private async Task RunOutboxAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Interlocked.Exchange(ref _announceOnline, 0) == 1)
                {
                    await _client.PublishAsync(StatusMessage("online"), stoppingToken);
                }

                var cursor = _journal.GetCursor(CursorName, _room.RoomId);
                var records = _journal.ReadOutbox(_room.RoomId, cursor, BatchSize);
                if (records.Count == 0)
                {
                    // Woken by a journaled decision; the timeout covers anything journaled before we subscribed.
                    await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }

                foreach (var record in records)
                {
                    await PublishRecordAsync(record, stoppingToken);
                }

                // The cursor moves only after every record up to it was acknowledged by the broker.
                await _journal.AdvanceCursorAsync(CursorName, _room.RoomId, records[^1].Seq);
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.OutboxFailed(_logger, _room.RoomId, backoff, ex);
                await Task.Delay(backoff, _time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
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

    private async Task RunVitalsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var observation in _vitals.Reader.ReadAllAsync(stoppingToken))
            {
                if (_client.State != MqttConnectionState.Connected)
                {
                    continue; // best effort: the journal and InfluxDB are the record.
                }

                try
                {
                    await _client.PublishAsync(VitalsMessage(observation), stoppingToken);
                }
                catch (MqttException)
                {
                    // Dropped like any QoS 0 message on a failing connection.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    void IRoomObserver.OnObservation(string room, long seq, in Observation observation) => _vitals.Writer.TryWrite(observation);

    void IRoomObserver.OnStatus(string room, long seq, in DeviceStatusEvent status)
    {
    }

    void IRoomObserver.OnDecision(string room, ClinicalRecord record, EngineDecision decision) => Wake();

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    private void OnConnectionStateChanged(object? sender, MqttConnectionStateChangedEventArgs e)
    {
        if (e.State == MqttConnectionState.Connected)
        {
            Log.Connected(_logger, _room.RoomId, _client.Options.Host, _client.Options.Port);
            // The outbox loop publishes the retained "online" status; the Will publishes "offline".
            Interlocked.Exchange(ref _announceOnline, 1);
            Wake();
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
            Payload = VitalsPayload.Build(_room.Site, _room.RoomId, o, info),
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

        [LoggerMessage(LogLevel.Error, "MQTT broker refused publication to {Topic}: {Reason} {ReasonString}; check the broker ACL for this room. Retrying; nothing is lost.")]
        public static partial void PublishRefused(ILogger logger, string topic, string reason, string? reasonString);

        [LoggerMessage(LogLevel.Debug, "Publish to {Topic} (seq {Seq}) interrupted: {Reason}; retrying")]
        public static partial void PublishRetry(ILogger logger, string topic, long seq, string reason);
    }
}

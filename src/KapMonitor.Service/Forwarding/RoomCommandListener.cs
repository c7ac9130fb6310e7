using System.Threading.Channels;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Client;
using KapMonitor.Service.Pipeline;

namespace KapMonitor.Service.Forwarding;

/// <summary>
/// A room's tablet commands (<c>mqtt.acceptCommands</c>): subscribes the room's MQTT connection to
/// <c>.../commands</c> at QoS 1, runs each accepted acknowledgement through the room, and answers every
/// command, accepted or refused, on <c>.../commands/result</c>, or, for an MQTT 5 request with a Response Topic
/// below that, on its Response Topic, always with its Correlation Data. The acknowledgement itself reaches
/// tablets as the usual <c>alarm.acknowledged</c> event from the journal's outbox.
/// </summary>
/// <remarks>
/// The client delivers messages on its receive loop and acknowledges them when the handler returns, so the
/// handler only queues: waiting there for the room (or for the PUBACK of our own result, which that same loop
/// must read) would stall or deadlock the connection. One loop here runs the commands in arrival order.
/// The listener owns the client's <see cref="MqttClient.MessageHandler"/>: the room's connection receives
/// nothing else.
/// </remarks>
public sealed partial class RoomCommandListener : BackgroundService
{
    /// <summary>Commands waiting beyond this are dropped (and logged): tablets send one per tap.</summary>
    public const int QueueLimit = 64;

    private static readonly TimeSpan s_resultTimeout = TimeSpan.FromSeconds(10);
    private readonly RoomRuntime _room;
    private readonly MqttClient _client;
    private readonly TabletCommandReader _reader;
    private readonly RoomTopics _topics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<MqttApplicationMessage> _inbox = Channel.CreateBounded<MqttApplicationMessage>(
        new BoundedChannelOptions(QueueLimit) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SemaphoreSlim _connected = new(0, 1);
    private volatile bool _subscribed;

    /// <param name="room">The room the commands are for.</param>
    /// <param name="client">The room's MQTT connection (<see cref="RoomMqttPublisher.Client"/>).</param>
    /// <param name="reader">Checks each command against the users file.</param>
    /// <param name="time">The service clock: the instant of each command, as for the HTTP API.</param>
    /// <param name="loggers">Logger factory.</param>
    public RoomCommandListener(RoomRuntime room, MqttClient client, TabletCommandReader reader, TimeProvider time, ILoggerFactory loggers)
    {
        _room = room;
        _client = client;
        _reader = reader;
        _time = time;
        _topics = new RoomTopics(room.Site, room.RoomId);
        _logger = loggers.CreateLogger($"KapMonitor.Mqtt.{room.RoomId}.Commands");
        _client.MessageHandler = OnMessageAsync;
        _client.ConnectionStateChanged += OnConnectionStateChanged;
    }

    /// <summary>True once the broker granted the subscription; the client renews it on every reconnect.</summary>
    public bool IsSubscribed => _subscribed;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SubscribeAsync(stoppingToken), RunCommandsAsync(stoppingToken));

    // Subscribes once the connection is up. After the first grant the client itself subscribes again on
    // every reconnect where the broker kept no session (MqttClient.RestoreSubscriptionsLocked), so the
    // subscription survives broker restarts and network loss without help from here.
    private async Task SubscribeAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!_subscribed)
            {
                if (_client.State != MqttConnectionState.Connected)
                {
                    await _connected.WaitAsync(stoppingToken);
                    continue;
                }

                try
                {
                    var result = await _client.SubscribeAsync(_topics.Commands, MqttQualityOfService.AtLeastOnce, stoppingToken);
                    if (result.IsSuccess)
                    {
                        _subscribed = true;
                        Log.Subscribed(_logger, _room.RoomId, _topics.Commands);
                        return;
                    }

                    Log.SubscribeRefused(_logger, _room.RoomId, _topics.Commands, string.Join(", ", result.ReasonCodes), result.ReasonString);
                }
                catch (MqttException ex)
                {
                    Log.SubscribeInterrupted(_logger, _room.RoomId, ex.Message);
                }

                // Try again on the next connection.
                await _connected.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunCommandsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _inbox.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await HandleAsync(message, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A bug in one command must not stop the room's commands.
                    Log.CommandFailed(_logger, _room.RoomId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(MqttApplicationMessage message, CancellationToken stoppingToken)
    {
        var verdict = _reader.Read(message.Payload, message.Retain);
        if (verdict.Accepted)
        {
            verdict = await RunAsync(verdict, stoppingToken);
        }

        if (verdict.Accepted)
        {
            Log.Acknowledged(_logger, _room.RoomId, verdict.AlarmId, verdict.User, verdict.RequestId);
        }
        else
        {
            // Never the payload: it carries the user's token.
            Log.Refused(_logger, _room.RoomId, verdict.Command, verdict.User, verdict.RequestId,
                CommandResultPayload.ToWire(verdict.Refusal!.Value), verdict.Reason);
        }

        await PublishResultAsync(verdict, message, stoppingToken);
    }

    private async Task<TabletCommandVerdict> RunAsync(TabletCommandVerdict verdict, CancellationToken stoppingToken)
    {
        try
        {
            // Completes once the command and its decisions are journaled (fsynced).
            var decisions = await _room.SendAsync(verdict.ToCommand(_time.GetUtcNow()), stoppingToken);
            return decisions.OfType<CommandRejected>().FirstOrDefault() is { } rejected
                ? verdict.Refuse(CommandRefusal.Rejected, $"Refused by the room: {rejected.Reason}.")
                : verdict;
        }
        catch (RoomConflictException ex)
        {
            return verdict.Refuse(CommandRefusal.Rejected, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CommandFailed(_logger, _room.RoomId, ex);
            return verdict.Refuse(CommandRefusal.Failed, "The service could not run the command; acknowledge at the bedside and tell the clinic's administrator.");
        }
    }

    private async Task PublishResultAsync(TabletCommandVerdict verdict, MqttApplicationMessage command, CancellationToken stoppingToken)
    {
        var result = new MqttApplicationMessage
        {
            Topic = ResultTopic(verdict, command.ResponseTopic),
            Payload = CommandResultPayload.Build(verdict, _room.Site, _room.RoomId, _time.GetUtcNow()),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            ContentType = "application/json",
            CorrelationData = command.CorrelationData,
        };
        try
        {
            // A QoS 1 publication waits for a connection; stop waiting after a while so later commands are not
            // held up behind it (the client still sends it when it can).
            var published = await _client.PublishAsync(result, stoppingToken).WaitAsync(s_resultTimeout, _client.Options.TimeProvider, stoppingToken);
            if (!published.IsSuccess)
            {
                Log.ResultRefused(_logger, _room.RoomId, result.Topic, published.ReasonCode.ToString(), published.ReasonString);
            }
        }
        catch (Exception ex) when (ex is MqttException or TimeoutException or ObjectDisposedException)
        {
            Log.ResultNotPublished(_logger, _room.RoomId, ex.Message);
        }
    }

    /// <summary>
    /// Where the answer goes (MQTT 5.0 §4.10, request/response): the command's Response Topic when it is the result
    /// topic or below it, else the result topic. Any other topic is refused: a tablet must not be able to make the
    /// room publish on, say, <c>.../alarms</c>, which the broker lets the room's user write.
    /// </summary>
    private string ResultTopic(TabletCommandVerdict verdict, string? responseTopic)
    {
        if (responseTopic is null || _topics.IsCommandResult(responseTopic))
        {
            return responseTopic ?? _topics.CommandResults;
        }

        Log.ResponseTopicRefused(_logger, _room.RoomId, verdict.RequestId, responseTopic, _topics.CommandResults);
        return _topics.CommandResults;
    }

    private ValueTask OnMessageAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        // Runs on the client's receive loop: queue and return; never throw, never wait.
        if (string.Equals(message.Topic, _topics.Commands, StringComparison.Ordinal) && !_inbox.Writer.TryWrite(message))
        {
            Log.Dropped(_logger, _room.RoomId, QueueLimit);
        }

        return ValueTask.CompletedTask;
    }

    private void OnConnectionStateChanged(object? sender, MqttConnectionStateChangedEventArgs e)
    {
        if (e.State != MqttConnectionState.Connected || _connected.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _connected.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public override void Dispose()
    {
        _client.ConnectionStateChanged -= OnConnectionStateChanged;
        _connected.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Room {Room}: accepting tablet acknowledgements on {Topic}")]
        public static partial void Subscribed(ILogger logger, string room, string topic);

        [LoggerMessage(LogLevel.Error, "Room {Room}: the MQTT broker refused the subscription to {Topic} ({Codes} {ReasonString}); tablet acknowledgements are off until it is granted. Check the broker ACL: the room's user needs read access to it.")]
        public static partial void SubscribeRefused(ILogger logger, string room, string topic, string codes, string? reasonString);

        [LoggerMessage(LogLevel.Debug, "Room {Room}: subscribing to tablet commands interrupted: {Reason}; trying again on the next connection")]
        public static partial void SubscribeInterrupted(ILogger logger, string room, string reason);

        [LoggerMessage(LogLevel.Information, "Room {Room}: alarm {AlarmId} acknowledged by {User} from a tablet (request {RequestId})")]
        public static partial void Acknowledged(ILogger logger, string room, string? alarmId, string? user, string? requestId);

        [LoggerMessage(LogLevel.Warning, "Room {Room}: refused tablet command {Command} from user {User} (request {RequestId}): {Refusal}: {Reason}")]
        public static partial void Refused(ILogger logger, string room, string? command, string? user, string? requestId, string refusal, string? reason);

        [LoggerMessage(LogLevel.Error, "Room {Room}: a tablet command failed")]
        public static partial void CommandFailed(ILogger logger, string room, Exception exception);

        [LoggerMessage(LogLevel.Warning, "Room {Room}: the MQTT broker refused the command result on {Topic}: {Reason} {ReasonString}; check the broker ACL (the room's user needs write access)")]
        public static partial void ResultRefused(ILogger logger, string room, string topic, string reason, string? reasonString);

        [LoggerMessage(LogLevel.Warning, "Room {Room}: command {RequestId} asked for its answer on {ResponseTopic}, outside the room's result topic {Results}; answered on the result topic instead")]
        public static partial void ResponseTopicRefused(ILogger logger, string room, string? requestId, string responseTopic, string results);

        [LoggerMessage(LogLevel.Warning, "Room {Room}: the command result was not published: {Reason}")]
        public static partial void ResultNotPublished(ILogger logger, string room, string reason);

        [LoggerMessage(LogLevel.Warning, "Room {Room}: more than {Limit} tablet commands waiting; dropped one (no result is sent for it)")]
        public static partial void Dropped(ILogger logger, string room, int limit);
    }
}

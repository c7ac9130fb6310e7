using KapMonitor.Mqtt.Packets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KapMonitor.Mqtt.Client;

/// <summary>
/// MQTT 3.1.1 / 5.0 client: QoS 0/1/2 publish with in-memory session state, subscriptions, keep-alive and
/// automatic reconnection with exponential backoff and jitter. Thread-safe; one connection at a time.
/// </summary>
public sealed partial class MqttClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly MqttClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private MqttConnection? _connection;
    private MqttConnectionState _state = MqttConnectionState.Disconnected;
    private CancellationTokenSource? _supervisorStop;
    private Task _supervisor = Task.CompletedTask;
    private string _clientId;
    private bool _disposed;

    /// <summary>Creates a client; nothing connects until <see cref="ConnectAsync"/> or <see cref="Start"/>.</summary>
    public MqttClient(MqttClientOptions options, ILogger<MqttClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaximumInflight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.KeepAlive, TimeSpan.FromSeconds(ushort.MaxValue));
        if (options.ProtocolVersion == MqttProtocolVersion.V311 && options.ClientId.Length == 0 && !options.CleanStart)
        {
            throw new ArgumentException("MQTT 3.1.1 needs Clean Session with an empty client id (MQTT 3.1.3-8); set a client id or CleanStart.", nameof(options));
        }

        if (options.Will is { } will)
        {
            MqttTopic.ThrowIfInvalidName(will.Message.Topic, nameof(options));
        }

        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = options.TimeProvider;
        _clientId = options.ClientId;
        _sendQuota = options.MaximumInflight;
    }

    /// <summary>The options this client was created with.</summary>
    public MqttClientOptions Options => _options;

    /// <summary>Current connection state.</summary>
    public MqttConnectionState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Client identifier in use: the configured one, or the one a 5.0 broker assigned.</summary>
    public string ClientId
    {
        get
        {
            lock (_gate)
            {
                return _clientId;
            }
        }
    }

    /// <summary>
    /// Raised on every connection state change, on the client's internal loop (keep handlers short). For each
    /// connection, <see cref="MqttConnectionState.Connected"/> is raised (and its handlers have returned) before
    /// <see cref="MessageHandler"/> is given any message received on that connection, including the messages of a
    /// resumed session that the broker sends right behind CONNACK; a connection that never reaches Connected
    /// (refused, timed out, disposed while connecting) delivers none. Incoming messages wait while a Connected
    /// handler runs, so it must not block on one of them.
    /// </summary>
    public event EventHandler<MqttConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <summary>
    /// Receives incoming application messages, one at a time in arrival order. The QoS 1/2 acknowledgement is
    /// sent only after the returned task completes (so a message the handler did not finish is redelivered).
    /// Never called with a message from a connection before <see cref="ConnectionStateChanged"/> has reported
    /// <see cref="MqttConnectionState.Connected"/> for that connection.
    /// </summary>
    public Func<MqttApplicationMessage, CancellationToken, ValueTask>? MessageHandler { get; set; }

    /// <summary>
    /// Connects now and throws if that fails (<see cref="MqttConnectException"/> with the CONNACK reason,
    /// <see cref="MqttCommunicationException"/>). Once connected, lost connections are re-established in the
    /// background when <see cref="MqttClientOptions.AutoReconnect"/> is set.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfStartedOrDisposed();
        MqttConnection connection;
        try
        {
            connection = await ConnectOnceAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            SetState(MqttConnectionState.Disconnected, ex);
            throw;
        }

        StartSupervisor(connection);
    }

    /// <summary>
    /// Starts connecting in the background and keeps reconnecting with backoff; failures are reported via
    /// <see cref="ConnectionStateChanged"/> and the log. QoS 1/2 publications queue until connected.
    /// </summary>
    public void Start()
    {
        ThrowIfStartedOrDisposed();
        StartSupervisor(null);
    }

    /// <summary>
    /// Graceful disconnect: sends DISCONNECT (5.0 with <paramref name="reasonCode"/>; the broker then discards
    /// the Will unless the reason is <see cref="MqttReasonCode.DisconnectWithWillMessage"/>), closes the
    /// connection and stops reconnecting. Unacknowledged QoS 1/2 state stays for a later connect.
    /// </summary>
    public async Task DisconnectAsync(MqttReasonCode reasonCode = MqttReasonCode.Success, CancellationToken cancellationToken = default)
    {
        var connection = StopSupervisor();
        if (connection is not null && !connection.IsClosed)
        {
            var packet = _options.ProtocolVersion == MqttProtocolVersion.V500 ? new MqttDisconnectPacket { ReasonCode = reasonCode } : new MqttDisconnectPacket();
            await connection.SendAndFlushAsync(packet, TimeSpan.FromSeconds(5)).WaitAsync(cancellationToken);
            connection.Close(null);
        }

        await WaitForSupervisorAsync();
        SetState(MqttConnectionState.Stopped, null);
    }

    /// <summary>
    /// Drops the connection without DISCONNECT, as a crash would (the broker publishes the Will), and stops
    /// reconnecting.
    /// </summary>
    public async Task AbortAsync()
    {
        StopSupervisor()?.Close(new MqttCommunicationException("The connection was aborted by the application."));
        await WaitForSupervisorAsync();
        SetState(MqttConnectionState.Stopped, null);
    }

    /// <summary>Disconnects gracefully if connected, then fails anything still waiting with <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
            await DisconnectAsync(MqttReasonCode.Success, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await AbortAsync();
        }

        FailSessionState(new ObjectDisposedException(nameof(MqttClient)));
    }

    private void ThrowIfStartedOrDisposed()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_supervisorStop is not null)
            {
                throw new InvalidOperationException("The MQTT client is already started; call DisconnectAsync first.");
            }
        }
    }

    private void StartSupervisor(MqttConnection? connection)
    {
        lock (_gate)
        {
            _supervisorStop = new CancellationTokenSource();
            var stop = _supervisorStop.Token;
            _supervisor = Task.Run(() => SuperviseAsync(connection, stop));
        }
    }

    private MqttConnection? StopSupervisor()
    {
        lock (_gate)
        {
            // Cancelled, not disposed: the supervisor may still be observing its token.
            _supervisorStop?.Cancel();
            _supervisorStop = null;
            return _connection;
        }
    }

    private async Task WaitForSupervisorAsync()
    {
        Task supervisor;
        lock (_gate)
        {
            supervisor = _supervisor;
        }

        await supervisor;
    }

    private void SetState(MqttConnectionState state, Exception? error, bool sessionPresent = false)
    {
        MqttConnectionState previous;
        lock (_gate)
        {
            previous = _state;
            if (previous == state && error is null)
            {
                return;
            }

            _state = state;
        }

        try
        {
            ConnectionStateChanged?.Invoke(this, new MqttConnectionStateChangedEventArgs(previous, state, error, sessionPresent));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A ConnectionStateChanged handler threw; the MQTT client carries on.");
        }
    }
}

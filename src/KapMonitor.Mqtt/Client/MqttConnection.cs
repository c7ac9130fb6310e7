using System.Buffers;
using System.Threading.Channels;
using KapMonitor.Mqtt.Channels;
using KapMonitor.Mqtt.Packets;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Mqtt.Client;

/// <summary>
/// One network connection: exactly one receive loop, exactly one writer (a single-reader channel drained by
/// one loop, so the socket never sees two concurrent writes) and the keep-alive timer. It ends once, with a
/// reason, and never throws out of its loops.
/// </summary>
internal sealed class MqttConnection
{
    private const int CoalesceLimit = 64 * 1024;
    private readonly MqttClient _client;
    private readonly IMqttChannel _channel;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int _maximumIncomingPacketSize;
    private readonly Channel<OutgoingItem> _outgoing = Channel.CreateUnbounded<OutgoingItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _connectedRaised = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _writer = Task.CompletedTask;
    private Task _reader = Task.CompletedTask;
    private Task _keepAlive = Task.CompletedTask;
    private long _lastSentTimestamp;
    private TaskCompletionSource? _pingResponse;

    public MqttConnection(MqttClient client, IMqttChannel channel, MqttProtocolVersion version, string endpoint, int maximumIncomingPacketSize, TimeProvider time, ILogger logger)
    {
        _client = client;
        _channel = channel;
        Version = version;
        Endpoint = endpoint;
        _maximumIncomingPacketSize = maximumIncomingPacketSize;
        _time = time;
        _logger = logger;
        _lastSentTimestamp = time.GetTimestamp();
    }

    public MqttProtocolVersion Version { get; }

    public string Endpoint { get; }

    public TaskCompletionSource<MqttConnAckPacket> ConnAck { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The server's 5.0 Maximum Packet Size (§3.2.2.3.6); packets above it are never sent.</summary>
    public long ServerMaximumPacketSize { get; set; } = long.MaxValue;

    /// <summary>Completes with the reason (null = closed by us on purpose) when the connection ends.</summary>
    public Task<Exception?> Closed => _closed.Task;

    public bool IsClosed => _closed.Task.IsCompleted;

    public CancellationToken Token => _cts.Token;

    /// <summary>Called by the connect path once it has raised <see cref="MqttConnectionState.Connected"/> for this connection.</summary>
    public void OnConnectedRaised() => _connectedRaised.TrySetResult();

    /// <summary>
    /// Completes once <see cref="OnConnectedRaised"/> has been called; cancelled with <see cref="Token"/> when the
    /// connection closes first (refused CONNACK, connect timeout, disposal).
    /// </summary>
    public Task WaitUntilConnectedRaisedAsync() => _connectedRaised.Task.WaitAsync(_cts.Token);

    public void Start()
    {
        _writer = Task.Run(WriterLoopAsync);
        _reader = Task.Run(ReaderLoopAsync);
    }

    public void StartKeepAlive(TimeSpan keepAlive, TimeSpan responseTimeout)
    {
        if (keepAlive > TimeSpan.Zero)
        {
            _keepAlive = Task.Run(() => KeepAliveLoopAsync(keepAlive, responseTimeout));
        }
    }

    /// <summary>
    /// Queues a packet for the writer; <paramref name="written"/> completes once it is on the wire. False when the
    /// connection is already closed (and <paramref name="written"/> has failed).
    /// </summary>
    public bool Send(MqttPacket packet, TaskCompletionSource<MqttPublishResult>? written = null)
    {
        if (_outgoing.Writer.TryWrite(new OutgoingItem(packet, written)))
        {
            return true;
        }

        written?.TrySetException(new MqttCommunicationException($"The connection to {Endpoint} is closed."));
        return false;
    }

    /// <summary>Queues a packet and waits (bounded) until the writer has put it on the wire.</summary>
    public async Task SendAndFlushAsync(MqttPacket packet, TimeSpan timeout)
    {
        var written = new TaskCompletionSource<MqttPublishResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Send(packet, written);
        try
        {
            await written.Task.WaitAsync(timeout, _time);
        }
        catch (Exception ex) when (ex is TimeoutException or MqttException)
        {
            _logger.LogDebug("Could not flush {PacketType} to {Endpoint}: {Reason}", packet.Type, Endpoint, ex.Message);
        }
    }

    public void OnPingResponse() => Volatile.Read(ref _pingResponse)?.TrySetResult();

    /// <summary>Ends the connection once; later calls are ignored. The loops stop and the channel is released by <see cref="DisposeAsync"/>.</summary>
    public void Close(Exception? reason)
    {
        if (!_closed.TrySetResult(reason))
        {
            return;
        }

        _cts.Cancel();
        _outgoing.Writer.TryComplete();
        if (ConnAck.TrySetException(reason ?? new MqttCommunicationException($"The connection to {Endpoint} was closed before CONNACK.")))
        {
            // Mark it observed: when the transport never opened nobody awaits the CONNACK, and the connect
            // error is reported by ConnectOnceAsync already.
            _ = ConnAck.Task.Exception;
        }
        while (_outgoing.Reader.TryRead(out var item))
        {
            _client.OnNotWritten(item, reason);
        }
    }

    public async Task DisposeAsync()
    {
        Close(null);
        await _channel.DisposeAsync();
        await Task.WhenAll(_writer, _reader, _keepAlive);
        while (_outgoing.Reader.TryRead(out var item))
        {
            _client.OnNotWritten(item, null);
        }

        _cts.Dispose();
    }

    // Packets queued while a write is in progress go out together in one write (at most CoalesceLimit bytes):
    // a burst of publishes costs one system call and one wake-up instead of one each.
    private async Task WriterLoopAsync()
    {
        var writer = new MqttPacketWriter();
        var batch = new ArrayBufferWriter<byte>(4096);
        var sent = new List<OutgoingItem>();
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(_cts.Token))
            {
                while (batch.WrittenCount < CoalesceLimit && _outgoing.Reader.TryRead(out var item))
                {
                    var bytes = writer.Encode(item.Packet, Version);
                    if (bytes.Length > ServerMaximumPacketSize)
                    {
                        _client.OnPacketTooLarge(item, bytes.Length, ServerMaximumPacketSize);
                        continue;
                    }

                    batch.Write(bytes.Span);
                    sent.Add(item);
                }

                if (sent.Count == 0)
                {
                    continue;
                }

                try
                {
                    await _channel.WriteAsync(batch.WrittenMemory, _cts.Token);
                }
                catch (Exception ex)
                {
                    // Not on the wire: the waiters learn so (QoS 1/2 flows stay in the session and are re-sent).
                    foreach (var item in sent)
                    {
                        _client.OnNotWritten(item, ex);
                    }

                    throw;
                }

                Volatile.Write(ref _lastSentTimestamp, _time.GetTimestamp());
                foreach (var item in sent)
                {
                    item.Written?.TrySetResult(new MqttPublishResult(MqttReasonCode.Success, null, 0));
                }

                sent.Clear();
                batch.ResetWrittenCount();
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        catch (MqttException ex)
        {
            Close(ex);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "MQTT writer for {Endpoint} failed unexpectedly; closing the connection.", Endpoint);
            Close(ex);
        }
    }

    private async Task ReaderLoopAsync()
    {
        var buffer = new byte[4096];
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await _channel.ReadAsync(buffer.AsMemory(filled), _cts.Token);
                if (read == 0)
                {
                    Close(new MqttCommunicationException($"The broker {Endpoint} closed the connection."));
                    return;
                }

                filled += read;
                var sequence = new ReadOnlySequence<byte>(buffer, 0, filled);
                while (!_cts.IsCancellationRequested && MqttPacketReader.TryRead(ref sequence, Version, out var packet, _maximumIncomingPacketSize))
                {
                    await _client.HandlePacketAsync(this, packet!);
                }

                var consumed = filled - (int)sequence.Length;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        catch (MqttProtocolException ex)
        {
            _logger.LogError("Protocol violation by the broker {Endpoint}: {Reason} ({ReasonCode}). Closing the connection.", Endpoint, ex.Message, ex.Reason);
            if (Version == MqttProtocolVersion.V500 && ConnAck.Task.IsCompletedSuccessfully)
            {
                // 5.0 §4.13.1: tell the peer why before closing.
                await SendAndFlushAsync(new MqttDisconnectPacket { ReasonCode = ex.Reason }, TimeSpan.FromSeconds(1));
            }

            Close(ex);
        }
        catch (MqttException ex)
        {
            Close(ex);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "MQTT receive loop for {Endpoint} failed unexpectedly; closing the connection.", Endpoint);
            Close(ex);
        }
    }

    // 3.1.1 §3.1.2.10 / 5.0 §3.1.2.10: send PINGREQ when nothing was sent for a Keep Alive period, and give up
    // on the connection when the PINGRESP does not come back in time.
    private async Task KeepAliveLoopAsync(TimeSpan keepAlive, TimeSpan responseTimeout)
    {
        try
        {
            while (!_cts.IsCancellationRequested)
            {
                var idle = _time.GetElapsedTime(Volatile.Read(ref _lastSentTimestamp));
                if (idle < keepAlive)
                {
                    await Task.Delay(keepAlive - idle, _time, _cts.Token);
                    continue;
                }

                var response = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _pingResponse, response);
                Send(MqttPingReqPacket.Instance);
                try
                {
                    await response.Task.WaitAsync(responseTimeout, _time, _cts.Token);
                }
                catch (TimeoutException)
                {
                    _logger.LogWarning("No PINGRESP from {Endpoint} within {Timeout} s of PINGREQ; closing the connection.", Endpoint, responseTimeout.TotalSeconds);
                    Close(new MqttCommunicationException($"No PINGRESP from {Endpoint} within {responseTimeout.TotalSeconds:0.#} s; the connection is considered dead (MQTT 3.1.2.10)."));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
    }
}

/// <summary>A packet queued for the writer, with an optional completion for "on the wire".</summary>
internal readonly record struct OutgoingItem(MqttPacket Packet, TaskCompletionSource<MqttPublishResult>? Written);

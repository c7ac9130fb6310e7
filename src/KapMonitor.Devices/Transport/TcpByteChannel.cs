using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace KapMonitor.Devices.Transport;

/// <summary>
/// A byte channel to a serial device behind a terminal server (serial-over-TCP, raw TCP mode, e.g.
/// Moxa NPort "TCP server"). Connect timeout and TCP keep-alive detect dead servers; refusal, reset,
/// end of stream and timeouts become <see cref="DeviceUnavailableException"/>.
/// </summary>
public sealed class TcpByteChannel : IByteChannel
{
    private readonly string _host;
    private readonly int _port;
    private readonly TcpByteChannelOptions _options;
    private readonly TimeProvider _timeProvider;
    private Socket? _socket;

    /// <summary>Creates a channel to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public TcpByteChannel(string host, int port, TcpByteChannelOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _host = host;
        _port = port;
        _options = options ?? new TcpByteChannelOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Description => $"tcp://{_host}:{_port}";

    /// <inheritdoc />
    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            throw new InvalidOperationException($"{Description} is already open; a channel opens once (create a new one to reconnect).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, Seconds(_options.KeepAliveTime));
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, Seconds(_options.KeepAliveInterval));
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, _options.KeepAliveRetryCount);

            using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await socket.ConnectAsync(_host, _port, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new DeviceUnavailableException($"{Description}: no answer within {_options.ConnectTimeout.TotalSeconds:0.#} s. Check the terminal server's address and power.");
            }
            catch (SocketException ex)
            {
                throw Translate(ex, "connect");
            }

            _socket = socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw NotOpen();
        int n;
        try
        {
            n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw Translate(ex, "read");
        }

        return n > 0 || buffer.IsEmpty
            ? n
            : throw new DeviceUnavailableException($"{Description}: the terminal server closed the connection.");
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw NotOpen();
        try
        {
            while (!data.IsEmpty)
            {
                var n = await socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                data = data[n..];
            }
        }
        catch (SocketException ex)
        {
            throw Translate(ex, "write");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _socket = null;
        return ValueTask.CompletedTask;
    }

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));

    /// <summary>The one place where socket errors become channel exceptions.</summary>
    private DeviceUnavailableException Translate(SocketException ex, string operation) =>
        new($"{Description}: {operation} failed ({ex.SocketErrorCode}: {ex.Message}).", ex);

    private InvalidOperationException NotOpen() => new($"{Description} is not open; call OpenAsync first.");
}

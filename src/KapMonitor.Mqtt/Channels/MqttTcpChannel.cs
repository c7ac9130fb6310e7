using System.Net.Sockets;

namespace KapMonitor.Mqtt.Channels;

/// <summary>Plain TCP (default port 1883).</summary>
public sealed class MqttTcpChannel : IMqttChannel
{
    private readonly string _host;
    private readonly int _port;
    private Socket? _socket;
    private NetworkStream? _stream;

    /// <summary>Creates a channel to <paramref name="host"/>:<paramref name="port"/>; nothing happens until <see cref="ConnectAsync"/>.</summary>
    public MqttTcpChannel(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        _host = host;
        _port = port;
    }

    /// <inheritdoc/>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        _socket = await ConnectSocketAsync(_host, _port, cancellationToken);
        _stream = new NetworkStream(_socket, ownsSocket: true);
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await Stream.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex)
        {
            throw MqttChannelErrors.Translate(ex, $"tcp://{_host}:{_port}", "Reading from");
        }
    }

    /// <inheritdoc/>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await Stream.WriteAsync(data, cancellationToken);
        }
        catch (Exception ex)
        {
            throw MqttChannelErrors.Translate(ex, $"tcp://{_host}:{_port}", "Writing to");
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _socket?.Dispose();
    }

    private NetworkStream Stream => _stream ?? throw new InvalidOperationException("ConnectAsync has not completed.");

    internal static async Task<Socket> ConnectSocketAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return socket;
        }
        catch (Exception ex)
        {
            socket.Dispose();
            throw MqttChannelErrors.Translate(ex, $"{host}:{port}", "Connecting to");
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace KapMonitor.Simulators.Outputs;

/// <summary>
/// Serial-over-IP, like a terminal server port: listens on 127.0.0.1 and serves one client at a time
/// (a second client is refused while the first is connected). Pulling the cable drops the client and
/// stops listening until it is plugged back.
/// </summary>
public sealed class TcpSimulatorOutput : ISimulatorOutput
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Socket? _client;
    private Task _acceptLoop = Task.CompletedTask;
    private bool _disposed;

    /// <summary>Listens on <paramref name="port"/> (0 = any free port; see <see cref="Port"/>).</summary>
    public TcpSimulatorOutput(int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        Port = port;
        Listen();
    }

    /// <summary>The port listened on.</summary>
    public int Port { get; private set; }

    /// <summary>True while a client is connected.</summary>
    public bool HasClient
    {
        get
        {
            lock (_gate)
            {
                return _client is not null;
            }
        }
    }

    /// <inheritdoc />
    public string Description => $"tcp://127.0.0.1:{Port}";

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data)
    {
        var client = Client();
        if (client is null)
        {
            return;
        }

        try
        {
            var offset = 0;
            while (offset < data.Length)
            {
                var n = client.Send(data[offset..], SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    // The reader is not keeping up: drop, as a serial line would.
                    return;
                }

                if (error != SocketError.Success)
                {
                    DropClient(client);
                    return;
                }

                offset += n;
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <inheritdoc />
    public int Read(Span<byte> buffer)
    {
        var client = Client();
        if (client is null)
        {
            return 0;
        }

        try
        {
            if (client.Available == 0)
            {
                // Readable with nothing to read means the peer closed.
                if (client.Poll(0, SelectMode.SelectRead))
                {
                    DropClient(client);
                }

                return 0;
            }

            var n = client.Receive(buffer, SocketFlags.None, out var error);
            if (error is not SocketError.Success and not SocketError.WouldBlock)
            {
                DropClient(client);
                return 0;
            }

            return n;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            DropClient(client);
            return 0;
        }
    }

    /// <inheritdoc />
    public void SetAttached(bool attached)
    {
        lock (_gate)
        {
            if (attached && _listener is null)
            {
                Listen();
            }
            else if (!attached && _listener is not null)
            {
                _listener.Stop();
                _listener = null;
                _client?.Dispose();
                _client = null;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Owners and the simulator host may both dispose an output.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync();
        SetAttached(false);
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private Socket? Client()
    {
        lock (_gate)
        {
            return _client;
        }
    }

    private void DropClient(Socket client)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_client, client))
            {
                _client = null;
            }
        }

        client.Dispose();
    }

    private void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(backlog: 1);
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        var previous = _acceptLoop;
        _acceptLoop = AcceptLoopAsync(listener, previous);
    }

    private async Task AcceptLoopAsync(TcpListener listener, Task previous)
    {
        await previous.ConfigureAwait(false);
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
            {
                return;
            }

            socket.Blocking = false;
            socket.NoDelay = true;
            lock (_gate)
            {
                if (_client is null && ReferenceEquals(_listener, listener))
                {
                    _client = socket;
                    continue;
                }
            }

            // One client at a time, like a terminal-server port.
            socket.Dispose();
        }
    }
}

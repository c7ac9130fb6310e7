using System.Net;
using System.Net.Sockets;

namespace KapMonitor.Testing.Peers;

/// <summary>Ephemeral loopback ports for peers started by fixtures.</summary>
public static class FreePort
{
    /// <summary>Asks the kernel for a free TCP port on 127.0.0.1.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Waits until something accepts TCP connections on 127.0.0.1:<paramref name="port"/>; with <paramref name="running"/>,
    /// gives up as soon as the process that should listen has exited (a peer that rejects its configuration).
    /// </summary>
    public static async Task WaitListeningAsync(int port, TimeSpan timeout, Func<string>? diagnostics = null, Func<bool>? running = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException ex) when (running?.Invoke() == false)
            {
                throw new InvalidOperationException($"The process that should listen on 127.0.0.1:{port} exited. {diagnostics?.Invoke()}", ex);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s. {diagnostics?.Invoke()}", ex);
            }
        }
    }
}

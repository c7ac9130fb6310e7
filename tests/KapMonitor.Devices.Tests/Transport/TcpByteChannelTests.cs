using System.Net;
using System.Net.Sockets;
using System.Text;
using KapMonitor.Devices.Transport;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Xunit.Abstractions;

namespace KapMonitor.Devices.Tests.Transport;

/// <summary>TcpByteChannel and DeviceLink against a TcpListener on 127.0.0.1 playing the terminal server.</summary>
public sealed class TcpByteChannelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Bytes_flow_both_ways_and_a_server_close_is_DeviceUnavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await using var channel = new TcpByteChannel("127.0.0.1", port);
        Assert.Equal($"tcp://127.0.0.1:{port}", channel.Description);
        await channel.OpenAsync(CancellationToken.None);
        using var server = await listener.AcceptSocketAsync().WaitAsync(Eventually.Limit);

        await server.SendAsync("S97\n"u8.ToArray());
        var buffer = new byte[16];
        var n = await channel.ReadAsync(buffer, CancellationToken.None).AsTask().WaitAsync(Eventually.Limit);
        Assert.Equal("S97\n", Encoding.ASCII.GetString(buffer, 0, n));

        await channel.WriteAsync("START\n"u8.ToArray(), CancellationToken.None);
        n = await server.ReceiveAsync(buffer).WaitAsync(Eventually.Limit);
        Assert.Equal("START\n", Encoding.ASCII.GetString(buffer, 0, n));

        server.Shutdown(SocketShutdown.Both);
        server.Close();
        var ex = await Assert.ThrowsAsync<DeviceUnavailableException>(() => channel.ReadAsync(buffer, CancellationToken.None).AsTask().WaitAsync(Eventually.Limit));
        Assert.Contains("closed the connection", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_DeviceUnavailable_with_the_endpoint()
    {
        var port = FreePort.Next();
        await using var channel = new TcpByteChannel("127.0.0.1", port);
        var ex = await Assert.ThrowsAsync<DeviceUnavailableException>(() => channel.OpenAsync(CancellationToken.None).AsTask());
        Assert.Contains($"tcp://127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionRefused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connect_that_gets_no_answer_times_out_on_the_injected_clock()
    {
        // A listener with a full accept queue drops further SYNs, so the next connect hangs like an unplugged server.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(0);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var filler = new TcpClient();
        await filler.ConnectAsync(IPAddress.Loopback, port);

        var time = new ManualTimeProvider();
        var options = new TcpByteChannelOptions { ConnectTimeout = TimeSpan.FromSeconds(3) };
        await using var channel = new TcpByteChannel("127.0.0.1", port, options, time);
        var open = channel.OpenAsync(CancellationToken.None).AsTask();
        Assert.False(open.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(3));
        var ex = await Assert.ThrowsAsync<DeviceUnavailableException>(() => open.WaitAsync(Eventually.Limit));
        Assert.Contains("no answer within 3 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_link_survives_a_terminal_server_drop_and_restart()
    {
        using var logs = new TestLoggerProvider(output);
        var sink = new RecordingSink();
        var port = FreePort.Next();
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();

        var options = new DeviceLinkOptions { BackoffMin = TimeSpan.FromMilliseconds(20), BackoffMax = TimeSpan.FromMilliseconds(200) };
        var link = new DeviceLink("tcp-dev", () => new TcpByteChannel("127.0.0.1", port), new LineProtocol("tcp-dev"), sink,
            TimeProvider.System, logs.CreateLogger("link"), options);
        using var stop = new CancellationTokenSource();
        var run = link.RunAsync(stop.Token);
        try
        {
            using (var server = await listener.AcceptSocketAsync().WaitAsync(Eventually.Limit))
            {
                Assert.Equal("HELLO\n", await ReceiveAsync(server, "HELLO\n"));
                await server.SendAsync("S97\n"u8.ToArray());
                await Eventually.TrueAsync(() => sink.Values.Count == 1, () => $"{sink.Values.Count} observations");

                // Server drop: stop listening first so the link's quick reconnect is refused, then close the connection.
                listener.Stop();
            }

            await Eventually.TrueAsync(() => sink.Edges.Contains("Disconnected+"), () => string.Join(",", sink.Edges));
            await Eventually.TrueAsync(() => link.Counters.OpenFailures >= 1, () => $"{link.Counters.OpenFailures} failed opens");

            listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            using (var server = await listener.AcceptSocketAsync().WaitAsync(Eventually.Limit))
            {
                Assert.Equal("HELLO\n", await ReceiveAsync(server, "HELLO\n"));
                await server.SendAsync("S98\n"u8.ToArray());
                await Eventually.TrueAsync(() => sink.Values.Count == 2, () => $"{sink.Values.Count} observations");

                // Checked while the server still holds the connection: closing it starts the next reconnect.
                Assert.Equal([97.0, 98.0], sink.Values);
                Assert.Equal(1, link.Counters.Reconnects);
                Assert.Equal(["Connected+", "Connected-", "Disconnected+", "Disconnected-", "Connected+"], sink.Edges);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Eventually.Limit));
            listener.Stop();
            listener.Dispose();
        }

        logs.AssertNoErrors();
    }

    private static async Task<string> ReceiveAsync(Socket server, string expected)
    {
        var text = new StringBuilder();
        var buffer = new byte[64];
        using var timeout = new CancellationTokenSource(Eventually.Limit);
        while (!text.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var n = await server.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            Assert.NotEqual(0, n);
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString();
    }
}

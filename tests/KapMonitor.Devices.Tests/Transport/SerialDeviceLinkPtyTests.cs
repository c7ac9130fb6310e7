using System.Text;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Transport;
using KapMonitor.Serial;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Xunit.Abstractions;

namespace KapMonitor.Devices.Tests.Transport;

/// <summary>SerialByteChannel and DeviceLink over a real socat pty pair, including unplug and re-plug.</summary>
public sealed class SerialDeviceLinkPtyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestLoggerProvider _logs = new(output);
    private PtyPair _pty = null!;

    public async Task InitializeAsync() => _pty = await PtyPair.StartAsync();

    public async Task DisposeAsync()
    {
        await _pty.DisposeAsync();
        _logs.AssertNoErrors();
        _logs.Dispose();
    }

    [Fact]
    public async Task Channel_resolves_the_link_and_reports_absence_as_DeviceUnavailable()
    {
        await using (var channel = new SerialByteChannel(_pty.PathA, new SerialSettings(9600)))
        {
            await channel.OpenAsync(CancellationToken.None);
            Assert.Equal(_pty.DeviceA, channel.ResolvedPath);
            Assert.Equal($"{_pty.PathA} -> {_pty.DeviceA} 9600 8N1", channel.Description);

            // Held exclusively: a second channel on the same device is "not available", not a crash.
            await using var second = new SerialByteChannel(_pty.PathA, new SerialSettings(9600));
            await Assert.ThrowsAsync<DeviceUnavailableException>(() => second.OpenAsync(CancellationToken.None).AsTask());
        }

        await _pty.UnplugAsync();
        await using var gone = new SerialByteChannel(_pty.PathA, new SerialSettings(9600));
        var ex = await Assert.ThrowsAsync<DeviceUnavailableException>(() => gone.OpenAsync(CancellationToken.None).AsTask());
        Assert.Contains("plugged in", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_survives_unplug_mid_frame_and_continues_after_replug()
    {
        var sink = new RecordingSink();
        var options = new DeviceLinkOptions { BackoffMin = TimeSpan.FromMilliseconds(20), BackoffMax = TimeSpan.FromMilliseconds(200) };
        var link = new DeviceLink("pty-dev", () => new SerialByteChannel(_pty.PathA, new SerialSettings(9600)), new LineProtocol("pty-dev"),
            sink, TimeProvider.System, _logs.CreateLogger("link"), options);
        using var stop = new CancellationTokenSource();

        // The device side opens first: SerialPort.Open discards stale input, which would eat a HELLO sent earlier.
        var device = SerialPort.Open(_pty.PathB, new SerialSettings(9600));
        var run = link.RunAsync(stop.Token);
        try
        {
            await using (device)
            {
                await ReceiveAsync(device, "HELLO\n");
                await device.WriteAsync("S97\nS9"u8.ToArray());
                await Eventually.TrueAsync(() => link.Counters.BytesRead == 6, () => $"{link.Counters.BytesRead} bytes read");

                // The link answers S97 from its writer, after the read: unplugging before the ACK is on the wire
                // would lose it with the session (and the byte count below would be short by it).
                await ReceiveAsync(device, "ACK\n");
            }

            // Unplug in the middle of the second frame.
            await _pty.UnplugAsync();
            await Eventually.TrueAsync(() => sink.Edges.Contains("Disconnected+"), () => string.Join(",", sink.Edges));
            await Eventually.TrueAsync(() => link.Counters.OpenFailures >= 1, () => $"{link.Counters.OpenFailures} failed opens");
            var lost = Assert.Single(sink.Errors);
            Assert.Equal((ProtocolErrorKind.Truncated, 2), (lost.Kind, lost.ByteCount));

            // Re-plug behind the same link path (new /dev/pts nodes): the link follows it and says HELLO again.
            await _pty.ReplugAsync();
            await Eventually.TrueAsync(() => link.Counters.Connects == 2 && link.State == DeviceLinkState.Connected, () => $"{link.State}, {link.Counters.Connects} connects");
            // HELLO + ACK (for S97) in the first session, HELLO again in the second.
            await Eventually.TrueAsync(() => link.Counters.BytesWritten == 16, () => $"{link.Counters.BytesWritten} bytes written");
            await using (var replugged = SerialPort.Open(_pty.PathB, new SerialSettings(9600)))
            {
                await replugged.WriteAsync("S98\n"u8.ToArray());
                await Eventually.TrueAsync(() => sink.Values.Count == 2, () => $"{sink.Values.Count} observations");

                // Checked while the device end is still open: closing it may end socat and start another reconnect.
                Assert.Equal([97.0, 98.0], sink.Values);
                Assert.Equal(["Connected+", "Connected-", "Disconnected+", "Disconnected-", "Connected+"], sink.Edges);
                Assert.Equal(1, link.Counters.Reconnects);
                Assert.Contains(_pty.DeviceA, link.ChannelDescription, StringComparison.Ordinal);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Eventually.Limit));
        }
    }

    private static async Task ReceiveAsync(SerialPort device, string expected)
    {
        var text = new StringBuilder();
        var buffer = new byte[64];
        using var timeout = new CancellationTokenSource(Eventually.Limit);
        while (!text.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var n = await device.ReadAsync(buffer, timeout.Token);
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
    }
}

using System.Net;
using System.Net.Sockets;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Testing.Peers;

namespace KapMonitor.Simulators.Tests;

public sealed class TransportTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Pty_slave_reads_the_device_stream_and_host_commands_reach_the_device()
    {
        using var dir = new TempDirectory("kapsim");
        var link = dir.Combine("oximeter");
        await using var pty = new PtySimulatorOutput(link);
        Assert.StartsWith("/dev/pts/", pty.SlavePath, StringComparison.Ordinal);
        Assert.Equal(pty.SlavePath, new FileInfo(link).LinkTarget);

        await using var slave = new FileStream(link, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        var device = new MasimoOximeterDevice(Repo.Session("kap-lozenge-normal"), pty);
        device.Tick(TimeSpan.FromMinutes(10));

        var received = new List<byte>();
        var buffer = new byte[512];
        while (!received.Contains((byte)'\n'))
        {
            var n = await slave.ReadAsync(buffer).AsTask().WaitAsync(s_timeout);
            Assert.True(n > 0, "the pty slave hit end of file");
            received.AddRange(buffer.AsSpan(0, n));
        }

        var line = System.Text.Encoding.ASCII.GetString([.. received]);
        Assert.Contains(" SN=0000070986 SPO2=", line, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", line, StringComparison.Ordinal);

        // Raw mode: bytes from the host arrive unchanged and are not echoed back.
        var command = new byte[] { 0x3A, 0x20, 0xA6, 0x0A, 0x03 };
        await slave.WriteAsync(command);
        await slave.FlushAsync();
        var got = new List<byte>();
        var deadline = DateTime.UtcNow + s_timeout;
        while (got.Count < command.Length && DateTime.UtcNow < deadline)
        {
            var n = pty.Read(buffer);
            got.AddRange(buffer.AsSpan(0, n));
            if (n == 0)
            {
                await Task.Delay(10);
            }
        }

        Assert.Equal(command, got);
    }

    [Fact]
    public async Task Pty_unplug_hangs_up_the_slave_and_replug_moves_the_link()
    {
        using var dir = new TempDirectory("kapsim");
        var link = dir.Combine("cuff");
        await using var pty = new PtySimulatorOutput(link);
        var slave = new FileStream(link, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        await using (slave)
        {
            var read = slave.ReadAsync(new byte[16]).AsTask();
            pty.SetAttached(false);
            Assert.False(File.Exists(link));
            var outcome = await Record.ExceptionAsync(async () => Assert.Equal(0, await read.WaitAsync(s_timeout)));
            Assert.True(outcome is null or IOException, $"unexpected {outcome}");
        }

        pty.SetAttached(true);
        Assert.Equal(pty.SlavePath, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public async Task Tcp_serves_one_client_at_a_time_and_carries_both_directions()
    {
        await using var tcp = new TcpSimulatorOutput(0);
        Assert.Equal($"tcp://127.0.0.1:{tcp.Port}", tcp.Description);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, tcp.Port).WaitAsync(s_timeout);
        await WaitUntil(() => tcp.HasClient);
        var stream = client.GetStream();

        tcp.Write("hello\r\n"u8);
        var buffer = new byte[64];
        var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(s_timeout);
        Assert.Equal("hello\r\n"u8.ToArray(), buffer[..n]);

        await stream.WriteAsync(new byte[] { 1, 2, 3 });
        var got = new List<byte>();
        await WaitUntil(() =>
        {
            var k = tcp.Read(buffer);
            got.AddRange(buffer.AsSpan(0, k));
            return got.Count >= 3;
        });
        Assert.Equal([1, 2, 3], got);

        using var second = new TcpClient();
        await second.ConnectAsync(IPAddress.Loopback, tcp.Port).WaitAsync(s_timeout);
        Assert.Equal(0, await second.GetStream().ReadAsync(buffer).AsTask().WaitAsync(s_timeout));

        tcp.SetAttached(false);
        var eof = await Record.ExceptionAsync(async () => Assert.Equal(0, await stream.ReadAsync(buffer).AsTask().WaitAsync(s_timeout)));
        Assert.True(eof is null or IOException, $"unexpected {eof}");
    }

    [Fact]
    public async Task Capture_file_keeps_the_raw_stream_and_a_timing_sidecar()
    {
        using var dir = new TempDirectory("kapsim");
        var path = dir.Combine("capture.bin");
        var clock = new KapMonitor.Testing.ManualTimeProvider();
        await using (var file = new CaptureFileSimulatorOutput(path, clock))
        {
            var device = new NoninOximeterDevice(Repo.Session("kap-lozenge-normal"), file, 8);
            for (var s = 0; s < 5; s++)
            {
                device.Tick(TimeSpan.FromSeconds(600 + s));
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal(20, new FileInfo(path).Length);
        var timing = await File.ReadAllLinesAsync(path + ".timing.csv");
        Assert.Equal(["elapsed_seconds,offset,length", "0.000,0,4", "1.000,4,4", "2.000,8,4", "3.000,12,4", "4.000,16,4"], timing);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}

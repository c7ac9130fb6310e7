using System.Text;
using KapMonitor.Serial.Interop;
using KapMonitor.Testing.Peers;

namespace KapMonitor.Serial.Tests;

/// <summary>Integration tests of <see cref="SerialPort"/> against real pseudo-terminal pairs made by socat.</summary>
public sealed class SerialPortPtyTests : IAsyncLifetime
{
    // Generous: these wait on real I/O through socat, on a shared 2-core machine.
    private static readonly TimeSpan s_io = TimeSpan.FromSeconds(20);
    private PtyPair _pty = null!;

    public async Task InitializeAsync() => _pty = await PtyPair.StartAsync();

    public async Task DisposeAsync() => await _pty.DisposeAsync();

    [Fact]
    public async Task Bytes_flow_both_ways_unchanged()
    {
        await using var a = SerialPort.Open(_pty.PathA, new SerialSettings(9600));
        await using var b = SerialPort.Open(_pty.PathB, new SerialSettings(9600));

        // Every byte value, including XON/XOFF, CR/LF and 0xFF, must pass a raw line untouched.
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await a.WriteAsync(all);
        Assert.Equal(all, await ReadExactlyAsync(b, all.Length));

        var reply = "\u0001\u0080I\0\u00ca\r\n"u8.ToArray();
        await b.WriteAsync(reply);
        Assert.Equal(reply, await ReadExactlyAsync(a, reply.Length));
    }

    [Fact]
    public async Task Large_writes_complete_fully_while_the_other_side_reads()
    {
        await using var a = SerialPort.Open(_pty.PathA, new SerialSettings(115200));
        await using var b = SerialPort.Open(_pty.PathB, new SerialSettings(115200));

        // 256 KiB is far more than the pty buffers hold, so the writer must meet EAGAIN and wait for POLLOUT.
        var data = new byte[256 * 1024];
        new Random(1234).NextBytes(data);
        var reader = ReadExactlyAsync(b, data.Length);
        await a.WriteAsync(data).AsTask().WaitAsync(s_io);
        Assert.Equal(data, await reader);
    }

    [Fact]
    public async Task Partial_reads_return_what_fits_and_keep_the_rest()
    {
        await using var a = SerialPort.Open(_pty.PathA, new SerialSettings());
        await using var b = SerialPort.Open(_pty.PathB, new SerialSettings());

        await b.WriteAsync("0123456789"u8.ToArray());
        await WaitUntilAsync(() => a.BytesToRead == 10);

        var buffer = new byte[3];
        var got = new StringBuilder();
        int[] sizes = [3, 3, 3, 1];
        foreach (var expected in sizes)
        {
            var n = await a.ReadAsync(buffer).AsTask().WaitAsync(s_io);
            Assert.Equal(expected, n);
            got.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        Assert.Equal("0123456789", got.ToString());
    }

    [Fact]
    public async Task Settings_are_applied_to_the_kernel_and_read_back()
    {
        var settings = new SerialSettings(19200) { StopBits = StopBits.Two, FlowControl = FlowControl.RtsCts };
        await using var a = SerialPort.Open(_pty.PathA, settings);

        var t = a.GetTermios();
        Assert.Equal(TermiosFlags.BaudOther, t.ControlFlags & TermiosFlags.BaudMask);
        Assert.Equal(19200u, t.OutputSpeed);
        Assert.Equal(19200u, t.InputSpeed);
        Assert.NotEqual(0u, t.ControlFlags & TermiosFlags.TwoStopBits);
        Assert.NotEqual(0u, t.ControlFlags & TermiosFlags.RtsCts);
        Assert.Equal(TermiosFlags.Receiver | TermiosFlags.Local, t.ControlFlags & (TermiosFlags.Receiver | TermiosFlags.Local));
        Assert.Equal(0u, t.LocalFlags & (TermiosFlags.Canonical | TermiosFlags.Echo | TermiosFlags.Signals | TermiosFlags.Extended));
        Assert.Equal(0u, t.InputFlags & (TermiosFlags.XonOutput | TermiosFlags.CrToNl | TermiosFlags.Strip));
        Assert.Equal(0u, t.OutputFlags & TermiosFlags.OutputPostProcess);
        Assert.Equal(1, GetControlChar(t, TermiosFlags.VMin));
        Assert.Equal(0, GetControlChar(t, TermiosFlags.VTime));

        a.Reconfigure(new SerialSettings(115200) { FlowControl = FlowControl.XonXoff });
        t = a.GetTermios();
        Assert.Equal(115200u, t.OutputSpeed);
        Assert.Equal(0u, t.ControlFlags & (TermiosFlags.TwoStopBits | TermiosFlags.RtsCts));
        Assert.Equal(TermiosFlags.XonInput | TermiosFlags.XonOutput, t.InputFlags & (TermiosFlags.XonInput | TermiosFlags.XonOutput));
        Assert.Equal(new SerialSettings(115200) { FlowControl = FlowControl.XonXoff }, a.Settings);
    }

    [Fact]
    public async Task A_pty_forces_8_bits_without_parity_whatever_is_asked()
    {
        // Kernel drivers/tty/pty.c pty_set_termios clears CSIZE|PARENB and sets CS8|CREAD: ptys do not emulate
        // framing, so data bits and parity can only be checked in the flag tests (LineDisciplineTests).
        await using var a = SerialPort.Open(_pty.PathA, new SerialSettings(9600) { DataBits = 7, Parity = Parity.Even });
        var t = a.GetTermios();
        Assert.Equal(TermiosFlags.CharSize8, t.ControlFlags & TermiosFlags.CharSizeMask);
        Assert.Equal(0u, t.ControlFlags & TermiosFlags.ParityEnable);
        Assert.Equal(9600u, t.OutputSpeed);
    }

    [Fact]
    public async Task Second_open_of_the_same_port_is_refused_while_the_first_holds_it()
    {
        await using (var first = SerialPort.Open(_pty.PathA, new SerialSettings()))
        {
            Assert.True(first.IsExclusive);

            // Through the link and through the real node: both are the same tty.
            var viaLink = Assert.Throws<SerialPortBusyException>(() => SerialPort.Open(_pty.PathA, new SerialSettings()));
            Assert.Contains(_pty.PathA, viaLink.Message, StringComparison.Ordinal);
            Assert.Throws<SerialPortBusyException>(() => SerialPort.Open(_pty.DeviceA, new SerialSettings()));
        }

        // Released on dispose.
        await using var again = SerialPort.Open(_pty.PathA, new SerialSettings());
    }

    [Fact]
    public async Task Unplug_fails_a_pending_read_with_SerialPortGone()
    {
        await using var a = SerialPort.Open(_pty.PathA, new SerialSettings());
        var pending = a.ReadAsync(new byte[16]).AsTask();
        Assert.False(pending.IsCompleted);

        await _pty.UnplugAsync();

        await Assert.ThrowsAsync<SerialPortGoneException>(() => pending.WaitAsync(s_io));
        await Assert.ThrowsAsync<SerialPortGoneException>(() => a.ReadAsync(new byte[16]).AsTask().WaitAsync(s_io));
        var write = await Assert.ThrowsAsync<SerialPortGoneException>(() => a.WriteAsync(new byte[] { 1, 2, 3 }).AsTask().WaitAsync(s_io));
        Assert.Equal(Errno.EIO, write.Errno);
    }

    [Fact]
    public async Task Unplug_while_idle_is_seen_by_the_next_read()
    {
        await using var a = SerialPort.Open(_pty.PathA, new SerialSettings());
        await _pty.UnplugAsync();
        await Assert.ThrowsAsync<SerialPortGoneException>(() => a.ReadAsync(new byte[16]).AsTask().WaitAsync(s_io));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_read_that_waited_resumes_on_the_poll_thread_only_when_asked(bool inline)
    {
        await using var a = SerialPort.Open(_pty.PathA, new SerialSettings());
        a.ResumeReadsOnPollThread = inline;
        await using var b = SerialPort.Open(_pty.PathB, new SerialSettings());
        var buffer = new byte[8];

        var read = ReadAndSayWhereAsync(a, buffer); // finds nothing, so it waits
        await b.WriteAsync("x"u8.ToArray());
        var (n, thread, poolThread) = await read.WaitAsync(s_io);

        Assert.Equal(1, n);
        Assert.Equal(inline, thread?.StartsWith("serial poll ", StringComparison.Ordinal) == true);
        Assert.Equal(!inline, poolThread);
    }

    [Fact]
    public async Task A_cancelled_read_never_resumes_inside_Cancel_even_when_reads_resume_on_the_poll_thread()
    {
        await using var a = SerialPort.Open(_pty.PathA, new SerialSettings());
        a.ResumeReadsOnPollThread = true;
        using var cts = new CancellationTokenSource();
        var resumedOn = -1;
        var read = ReadUntilCancelledAsync(); // finds nothing, so it waits before this returns

        var cancelledOn = -1;
        var canceller = new Thread(() =>
        {
            cancelledOn = Environment.CurrentManagedThreadId;
            cts.Cancel();
        });
        canceller.Start();
        canceller.Join();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(s_io));
        Assert.NotEqual(cancelledOn, resumedOn);

        async Task ReadUntilCancelledAsync()
        {
            try
            {
                await a.ReadAsync(new byte[8], cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                resumedOn = Environment.CurrentManagedThreadId;
                throw;
            }
        }
    }

    private static async Task<(int Read, string? Thread, bool PoolThread)> ReadAndSayWhereAsync(SerialPort port, byte[] buffer)
    {
        // Not on the test framework's synchronisation context: the port's own choice of thread is what is observed.
        var n = await port.ReadAsync(buffer).ConfigureAwait(false);
        return (n, Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
    }

    [Fact]
    public async Task Cancelling_a_pending_read_loses_no_data()
    {
        await using var a = SerialPort.Open(_pty.PathA, new SerialSettings());
        await using var b = SerialPort.Open(_pty.PathB, new SerialSettings());

        using var cts = new CancellationTokenSource();
        var pending = a.ReadAsync(new byte[16], cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(s_io));

        // A pre-cancelled token never starts a read.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.ReadAsync(new byte[16], cts.Token).AsTask());

        await b.WriteAsync("after"u8.ToArray());
        Assert.Equal("after"u8.ToArray(), await ReadExactlyAsync(a, 5));
    }

    [Fact]
    public async Task Waits_can_be_repeated_and_cancelled_many_times_in_a_row()
    {
        await using var a = SerialPort.Open(_pty.PathA, new SerialSettings());
        await using var b = SerialPort.Open(_pty.PathB, new SerialSettings());
        var buffer = new byte[4];
        for (var i = 0; i < 200; i++)
        {
            if (i % 3 == 0)
            {
                // A cancelled wait must leave the reusable waiter ready for the next one.
                using var cts = new CancellationTokenSource();
                var cancelled = a.ReadAsync(buffer, cts.Token).AsTask();
                await cts.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(s_io));
            }

            // The read usually starts before the byte exists, so it goes through the poll thread.
            var read = a.ReadAsync(buffer).AsTask();
            await b.WriteAsync(new[] { (byte)i });
            Assert.Equal(1, await read.WaitAsync(s_io));
            Assert.Equal((byte)i, buffer[0]);
        }
    }

    [Fact]
    public async Task Disposing_fails_a_pending_read_with_ObjectDisposed()
    {
        var a = SerialPort.Open(_pty.PathA, new SerialSettings());
        var pending = a.ReadAsync(new byte[16]).AsTask();
        await a.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WaitAsync(s_io));
    }

    [Fact]
    public void Missing_path_is_SerialPortNotFound_with_advice()
    {
        var ex = Assert.Throws<SerialPortNotFoundException>(() => SerialPort.Open(Path.Combine(Path.GetTempPath(), "no-such-tty-" + Guid.NewGuid()), new SerialSettings()));
        Assert.Equal(2, ex.Errno);
        Assert.Contains("plugged in", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regular_file_is_refused_as_not_a_tty()
    {
        var file = Path.GetTempFileName();
        try
        {
            var ex = Assert.Throws<SerialPortException>(() => SerialPort.Open(file, new SerialSettings()));
            Assert.Equal(Errno.ENOTTY, ex.Errno);
            Assert.Contains("not a serial device", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static unsafe byte GetControlChar(Termios2 t, int index) => t.ControlChars[index];

    private static async Task<byte[]> ReadExactlyAsync(SerialPort port, int count)
    {
        var result = new byte[count];
        var filled = 0;
        using var timeout = new CancellationTokenSource(s_io);
        while (filled < count)
        {
            filled += await port.ReadAsync(result.AsMemory(filled), timeout.Token);
        }

        return result;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_io;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}

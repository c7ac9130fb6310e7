using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KapMonitor.Serial.Interop;

namespace KapMonitor.Serial;

/// <summary>
/// An open Linux serial port (tty), driven directly through termios2 ioctls: no System.IO.Ports, no
/// glibc speed functions. Reads and writes are asynchronous and never busy-wait: the descriptor is
/// non-blocking and a per-port poll thread reports readiness. One read and one write may be in
/// flight at the same time; concurrent reads (or concurrent writes) are not supported.
/// </summary>
/// <remarks>
/// When the device goes away (USB unplug, pty peer exits) reads and writes throw
/// <see cref="SerialPortGoneException"/>; dispose the port and open it again once the device is back.
/// </remarks>
public sealed class SerialPort : IAsyncDisposable, IDisposable
{
    private const int OpenFlagsForTty = OpenFlags.ReadWrite | OpenFlags.NoControllingTty | OpenFlags.CloseOnExec | OpenFlags.NonBlocking;

    private readonly SafeFdHandle _fd;
    private readonly TtyPoller _poller;

    private SerialPort(string path, SafeFdHandle fd, SerialSettings settings)
    {
        Path = path;
        _fd = fd;
        Settings = settings;
        _poller = new TtyPoller(fd, path);
    }

    /// <summary>The path the port was opened with.</summary>
    public string Path { get; }

    /// <summary>
    /// When true, a read that had to wait for data resumes on the port's poll thread (the thread that saw the data
    /// arrive) instead of on a thread-pool thread: one thread wake-up less between the byte and the code that reads
    /// it, which is most of the cost of a lone reading on a lightly loaded machine. The reader's code then runs on
    /// the poll thread until it next waits, so it must not block: while it runs, this port's pending write does
    /// not learn that the tty became writable. Default false.
    /// </summary>
    public bool ResumeReadsOnPollThread
    {
        get => _poller.InlineReads;
        set => _poller.InlineReads = value;
    }

    /// <summary>The line settings last applied.</summary>
    public SerialSettings Settings { get; private set; }

    /// <summary>
    /// Opens <paramref name="path"/> for exclusive use in raw mode with <paramref name="settings"/> and discards
    /// anything already buffered. Opening does not block (O_NONBLOCK, so no wait for carrier detect).
    /// </summary>
    /// <exception cref="SerialPortNotFoundException">The path does not exist.</exception>
    /// <exception cref="SerialPortBusyException">The port is already open exclusively.</exception>
    /// <exception cref="SerialPortException">Any other failure (permission, not a tty), with the errno.</exception>
    public static SerialPort Open(string path, SerialSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(settings);

        int fd;
        do
        {
            fd = Libc.Open(path, OpenFlagsForTty);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);

        if (fd < 0)
        {
            throw SerialErrors.Last("open", path);
        }

        var handle = new SafeFdHandle(fd);
        try
        {
            // TIOCEXCL makes further open()s fail with EBUSY, but the kernel lets CAP_SYS_ADMIN bypass it.
            // The service may run as root in a container, so also take an advisory flock, which binds
            // every cooperating opener (this library, flock(1)-aware tools) whatever their privileges.
            unsafe
            {
                IoctlOrThrow(handle, IoctlRequest.SetExclusive, null, "ioctl(TIOCEXCL)", path);
            }

            int rc;
            do
            {
                rc = Libc.Flock(handle, Libc.LockExclusive | Libc.LockNonBlocking);
            }
            while (rc < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);

            if (rc < 0)
            {
                throw SerialErrors.Last("flock(LOCK_EX)", path);
            }

            Configure(handle, path, settings);
            unsafe
            {
                // Stale bytes from before we opened belong to no frame we can trust.
                IoctlOrThrow(handle, IoctlRequest.Flush, (void*)IoctlRequest.FlushBoth, "ioctl(TCFLSH)", path);
            }

            return new SerialPort(path, handle, settings);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Applies new line settings immediately (TCSANOW semantics).</summary>
    public void Reconfigure(SerialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ObjectDisposedException.ThrowIf(_fd.IsClosed, this);
        Configure(_fd, Path, settings);
        Settings = settings;
    }

    /// <summary>Discards bytes received but not read and bytes written but not yet sent.</summary>
    public unsafe void DiscardBuffers()
    {
        ObjectDisposedException.ThrowIf(_fd.IsClosed, this);
        IoctlOrThrow(_fd, IoctlRequest.Flush, (void*)IoctlRequest.FlushBoth, "ioctl(TCFLSH)", Path);
    }

    /// <summary>
    /// Reads at least one byte into <paramref name="buffer"/> and returns how many were read; waits
    /// (without polling) until data arrive. Returns 0 only for an empty buffer.
    /// </summary>
    /// <exception cref="SerialPortGoneException">The device hung up or was unplugged.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled; no bytes were lost.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = ReadNow(buffer.Span);
            if (n > 0)
            {
                return (int)n;
            }

            if (n == 0 && (PollNow() & PollEvents.Broken) != 0)
            {
                // End of file with POLLHUP/POLLERR: the tty hung up (Linux tty_io.c). With VMIN=1 an
                // idle line never reads 0, but poll is the authority either way.
                throw SerialErrors.HungUp(Path);
            }

            _ = await _poller.WaitAsync(write: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes all of <paramref name="data"/>, waiting for room in the output buffer as needed.</summary>
    /// <exception cref="SerialPortGoneException">The device hung up or was unplugged.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; part of the data may have been sent.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var broken = false;
        while (!data.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = WriteNow(data.Span);
            if (n > 0)
            {
                data = data[(int)n..];
                broken = false;
                continue;
            }

            if (broken)
            {
                // poll said hang-up/error and the tty still takes nothing: a hung-up tty normally fails
                // write() with EIO (already translated by WriteNow); this is the same condition.
                throw SerialErrors.HungUp(Path);
            }

            var revents = await _poller.WaitAsync(write: true, cancellationToken).ConfigureAwait(false);
            broken = (revents & PollEvents.Out) == 0 && (revents & PollEvents.Broken) != 0;
        }
    }

    /// <summary>Number of received bytes waiting to be read (FIONREAD).</summary>
    public unsafe int BytesToRead
    {
        get
        {
            ObjectDisposedException.ThrowIf(_fd.IsClosed, this);
            int count = 0;
            IoctlOrThrow(_fd, IoctlRequest.BytesAvailable, &count, "ioctl(FIONREAD)", Path);
            return count;
        }
    }

    /// <summary>Closes the port; a pending read or write fails with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _poller.Dispose();
        _fd.Dispose();
    }

    /// <summary>Closes the port (see <see cref="Dispose"/>).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads the kernel's current line settings (tests check what was applied).</summary>
    internal unsafe Termios2 GetTermios()
    {
        Termios2 t;
        IoctlOrThrow(_fd, IoctlRequest.GetTermios2, &t, "ioctl(TCGETS2)", Path);
        return t;
    }

    /// <summary>True when the tty is in exclusive mode (TIOCGEXCL).</summary>
    internal unsafe bool IsExclusive
    {
        get
        {
            int exclusive = 0;
            IoctlOrThrow(_fd, IoctlRequest.GetExclusive, &exclusive, "ioctl(TIOCGEXCL)", Path);
            return exclusive != 0;
        }
    }

    private static unsafe void Configure(SafeFdHandle fd, string path, SerialSettings settings)
    {
        Termios2 t;
        IoctlOrThrow(fd, IoctlRequest.GetTermios2, &t, "ioctl(TCGETS2)", path);
        LineDiscipline.Apply(ref t, settings);
        IoctlOrThrow(fd, IoctlRequest.SetTermios2, &t, "ioctl(TCSETS2)", path);
    }

    private static unsafe void IoctlOrThrow(SafeFdHandle fd, nuint request, void* argument, string operation, string path)
    {
        while (Libc.Ioctl(fd, request, argument) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                throw SerialErrors.FromErrno(errno, operation, path);
            }
        }
    }

    /// <summary>One non-blocking read: bytes read, 0 at end of file, -1 when nothing is available yet.</summary>
    private unsafe nint ReadNow(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Libc.Read(_fd, p, (nuint)buffer.Length);
                if (n >= 0)
                {
                    return n;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EAGAIN)
                {
                    return -1;
                }

                if (errno != Errno.EINTR)
                {
                    throw SerialErrors.FromErrno(errno, "read", Path);
                }
            }
        }
    }

    /// <summary>One non-blocking write: bytes written, or -1 when the output buffer is full.</summary>
    private unsafe nint WriteNow(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            while (true)
            {
                var n = Libc.Write(_fd, p, (nuint)data.Length);
                if (n > 0)
                {
                    return n;
                }

                var errno = n == 0 ? Errno.EAGAIN : Marshal.GetLastPInvokeError();
                if (errno == Errno.EAGAIN)
                {
                    return -1;
                }

                if (errno != Errno.EINTR)
                {
                    throw SerialErrors.FromErrno(errno, "write", Path);
                }
            }
        }
    }

    /// <summary>Zero-timeout poll of the tty alone, to tell a hang-up from an idle end-of-file read.</summary>
    private unsafe short PollNow()
    {
        bool added = false;
        try
        {
            _fd.DangerousAddRef(ref added);
            var pfd = new PollFd { Fd = _fd.Fd, Events = PollEvents.In };
            while (Libc.Poll(&pfd, 1, 0) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    throw SerialErrors.FromErrno(errno, "poll", Path);
                }
            }

            return pfd.ReturnedEvents;
        }
        finally
        {
            if (added)
            {
                _fd.DangerousRelease();
            }
        }
    }
}

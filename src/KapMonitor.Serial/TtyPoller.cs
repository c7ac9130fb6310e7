using System.Runtime.InteropServices;
using KapMonitor.Serial.Interop;

namespace KapMonitor.Serial;

/// <summary>
/// Readiness notification for one tty without busy-waiting: a dedicated thread sleeps in
/// <c>poll()</c> on the tty and an eventfd. A reader or writer that got EAGAIN registers interest and
/// awaits; the thread completes it when the tty becomes readable/writable or broken (POLLHUP/POLLERR).
/// The eventfd wakes the thread when interest changes, a wait is cancelled, or the port is disposed.
/// </summary>
/// <remarks>
/// The tty is left out of the poll set (fd = -1) while nobody waits: poll reports POLLHUP even when not
/// asked for, so keeping a hung-up tty in the set would spin.
/// </remarks>
internal sealed class TtyPoller : IDisposable
{
    private static readonly Action<object?, CancellationToken> s_onCancel = OnCancel;
    private readonly SafeFdHandle _tty;
    private readonly SafeFdHandle _wake;
    private readonly string _path;
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private readonly ReadinessWaiter _readWaiter;
    private readonly ReadinessWaiter _writeWaiter;
    private bool _readArmed;
    private bool _writeArmed;
    private Exception? _failure;
    private bool _disposed;

    /// <summary>See <see cref="SerialPort.ResumeReadsOnPollThread"/>.</summary>
    public bool InlineReads { get; set; }

    public TtyPoller(SafeFdHandle tty, string path)
    {
        _tty = tty;
        _path = path;
        var wake = Libc.EventFd(0, Libc.EventFdCloseOnExec | Libc.EventFdNonBlocking);
        if (wake < 0)
        {
            throw SerialErrors.Last("eventfd", path);
        }

        _wake = new SafeFdHandle(wake);
        _readWaiter = new ReadinessWaiter(this, write: false);
        _writeWaiter = new ReadinessWaiter(this, write: true);
        _thread = new Thread(Run) { IsBackground = true, Name = "serial poll " + path };
        _thread.Start();
    }

    /// <summary>
    /// Waits until the tty is readable (or writable when <paramref name="write"/>) or broken; returns poll's revents.
    /// At most one read wait and one write wait may be pending. Allocation-free unless cancelled.
    /// </summary>
    public ValueTask<short> WaitAsync(bool write, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<short>(cancellationToken);
        }

        var waiter = write ? _writeWaiter : _readWaiter;
        ValueTask<short> wait;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_failure is not null)
            {
                return ValueTask.FromException<short>(_failure);
            }

            ref var armed = ref write ? ref _writeArmed : ref _readArmed;
            if (armed)
            {
                throw new InvalidOperationException($"A {(write ? "write" : "read")} is already pending on {_path}; the port supports one reader and one writer at a time.");
            }

            wait = waiter.Arm();
            armed = true;
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.RegisterCancellation(cancellationToken, s_onCancel);
        }

        // An inline reader arming its next wait runs on the poll thread, which reads the interest afresh before it
        // polls again: no need to wake it.
        if (Thread.CurrentThread != _thread)
        {
            Wake();
        }

        return wait;
    }

    public void Dispose()
    {
        bool read, write;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            read = _readArmed;
            write = _writeArmed;
            _readArmed = _writeArmed = false;
        }

        if (read)
        {
            _readWaiter.TrySetException(new ObjectDisposedException(nameof(SerialPort), $"{_path} was closed while a read was pending."));
        }

        if (write)
        {
            _writeWaiter.TrySetException(new ObjectDisposedException(nameof(SerialPort), $"{_path} was closed while a write was pending."));
        }

        Wake();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _wake.Dispose();
    }

    private static void OnCancel(object? state, CancellationToken token)
    {
        var waiter = (ReadinessWaiter)state!;
        var poller = waiter.Owner;
        lock (poller._gate)
        {
            // The registration is disposed before the waiter can be re-armed, so "armed" here is this wait.
            if (waiter.IsWrite)
            {
                poller._writeArmed = false;
            }
            else
            {
                poller._readArmed = false;
            }
        }

        waiter.TrySetException(new OperationCanceledException(token));
        poller.Wake();
    }

    private unsafe void Wake()
    {
        // eventfd adds the 8-byte value to its counter; the poll thread drains it. Failure is impossible
        // short of counter overflow (EAGAIN), which still leaves the fd readable, i.e. awake.
        ulong one = 1;
        bool added = false;
        try
        {
            _wake.DangerousAddRef(ref added);
            _ = Libc.Write(_wake, (byte*)&one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently: nothing left to wake.
        }
        finally
        {
            if (added)
            {
                _wake.DangerousRelease();
            }
        }
    }

    private unsafe void Run()
    {
        bool ttyRef = false;
        _tty.DangerousAddRef(ref ttyRef);
        try
        {
            var fds = stackalloc PollFd[2];
            ulong drained;
            while (true)
            {
                short interest;
                lock (_gate)
                {
                    if (_disposed)
                    {
                        return;
                    }

                    interest = (short)((_readArmed ? PollEvents.In : 0) | (_writeArmed ? PollEvents.Out : 0));
                }

                fds[0] = new PollFd { Fd = _wake.Fd, Events = PollEvents.In };
                fds[1] = new PollFd { Fd = interest == 0 ? -1 : _tty.Fd, Events = interest };
                if (Libc.Poll(fds, 2, -1) < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    Fail(SerialErrors.FromErrno(errno, "poll", _path));
                    return;
                }

                if ((fds[0].ReturnedEvents & PollEvents.In) != 0)
                {
                    _ = Libc.Read(_wake, (byte*)&drained, sizeof(ulong));
                }

                var revents = fds[1].ReturnedEvents;
                if (revents != 0)
                {
                    Complete(revents);
                }
            }
        }
        finally
        {
            if (ttyRef)
            {
                _tty.DangerousRelease();
            }
        }
    }

    private void Complete(short revents)
    {
        bool read = false, write = false;
        lock (_gate)
        {
            if (_readArmed && (revents & (PollEvents.In | PollEvents.Broken)) != 0)
            {
                read = true;
                _readArmed = false;
            }

            if (_writeArmed && (revents & (PollEvents.Out | PollEvents.Broken)) != 0)
            {
                write = true;
                _writeArmed = false;
            }
        }

        if (write)
        {
            _writeWaiter.TrySetResult(revents, inline: false);
        }

        if (read)
        {
            // Last: an inline reader runs here until its next wait, and the writer must not wait behind it.
            _readWaiter.TrySetResult(revents, InlineReads);
        }
    }

    private void Fail(Exception failure)
    {
        bool read, write;
        lock (_gate)
        {
            _failure = failure;
            read = _readArmed;
            write = _writeArmed;
            _readArmed = _writeArmed = false;
        }

        if (read)
        {
            _readWaiter.TrySetException(failure);
        }

        if (write)
        {
            _writeWaiter.TrySetException(failure);
        }
    }
}

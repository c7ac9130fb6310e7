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
    private readonly SafeFdHandle _tty;
    private readonly SafeFdHandle _wake;
    private readonly string _path;
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private TaskCompletionSource<short>? _readWaiter;
    private TaskCompletionSource<short>? _writeWaiter;
    private Exception? _failure;
    private bool _disposed;

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
        _thread = new Thread(Run) { IsBackground = true, Name = "serial poll " + path };
        _thread.Start();
    }

    /// <summary>
    /// Waits until the tty is readable (or writable when <paramref name="write"/>) or broken; returns poll's revents.
    /// At most one read wait and one write wait may be pending.
    /// </summary>
    public async Task<short> WaitAsync(bool write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new TaskCompletionSource<short>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_failure is not null)
            {
                throw _failure;
            }

            ref var slot = ref write ? ref _writeWaiter : ref _readWaiter;
            if (slot is not null)
            {
                throw new InvalidOperationException($"A {(write ? "write" : "read")} is already pending on {_path}; the port supports one reader and one writer at a time.");
            }

            slot = waiter;
        }

        Wake();
        using (cancellationToken.UnsafeRegister(
            static (state, token) =>
            {
                var (poller, pending) = ((TtyPoller, TaskCompletionSource<short>))state!;
                poller.Cancel(pending, token);
            },
            (this, waiter)))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        TaskCompletionSource<short>? read, write;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            read = _readWaiter;
            write = _writeWaiter;
            _readWaiter = _writeWaiter = null;
        }

        read?.TrySetException(new ObjectDisposedException(nameof(SerialPort), $"{_path} was closed while a read was pending."));
        write?.TrySetException(new ObjectDisposedException(nameof(SerialPort), $"{_path} was closed while a write was pending."));
        Wake();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _wake.Dispose();
    }

    private void Cancel(TaskCompletionSource<short> waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (_readWaiter == waiter)
            {
                _readWaiter = null;
            }
            else if (_writeWaiter == waiter)
            {
                _writeWaiter = null;
            }
        }

        waiter.TrySetCanceled(token);
        Wake();
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

                    interest = (short)((_readWaiter is null ? 0 : PollEvents.In) | (_writeWaiter is null ? 0 : PollEvents.Out));
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
        TaskCompletionSource<short>? read = null, write = null;
        lock (_gate)
        {
            if (_readWaiter is not null && (revents & (PollEvents.In | PollEvents.Broken)) != 0)
            {
                read = _readWaiter;
                _readWaiter = null;
            }

            if (_writeWaiter is not null && (revents & (PollEvents.Out | PollEvents.Broken)) != 0)
            {
                write = _writeWaiter;
                _writeWaiter = null;
            }
        }

        read?.TrySetResult(revents);
        write?.TrySetResult(revents);
    }

    private void Fail(Exception failure)
    {
        TaskCompletionSource<short>? read, write;
        lock (_gate)
        {
            _failure = failure;
            read = _readWaiter;
            write = _writeWaiter;
            _readWaiter = _writeWaiter = null;
        }

        read?.TrySetException(failure);
        write?.TrySetException(failure);
    }
}

using System.Threading.Tasks.Sources;

namespace KapMonitor.Serial;

/// <summary>
/// A reusable awaitable for one direction (read or write) of a <see cref="TtyPoller"/>, so waiting for a
/// tty to become ready allocates nothing in steady state. Armed by the owner for each wait; completed once
/// by the poll thread, by cancellation or by disposal, whichever comes first.
/// </summary>
internal sealed class ReadinessWaiter : IValueTaskSource<short>
{
    private ManualResetValueTaskSourceCore<short> _core;
    private CancellationTokenRegistration _registration;
    private int _pending; // 1 while armed and not yet completed

    public ReadinessWaiter(TtyPoller owner, bool write)
    {
        Owner = owner;
        IsWrite = write;
    }

    public TtyPoller Owner { get; }

    public bool IsWrite { get; }

    /// <summary>Starts a new wait. The previous one must have been consumed (its GetResult called).</summary>
    public ValueTask<short> Arm()
    {
        _core.Reset();
        Volatile.Write(ref _pending, 1);
        return new ValueTask<short>(this, _core.Version);
    }

    /// <summary>Attaches cancellation to the current wait (after <see cref="Arm"/>, before the caller awaits).</summary>
    public void RegisterCancellation(CancellationToken cancellationToken, Action<object?, CancellationToken> callback) =>
        _registration = cancellationToken.UnsafeRegister(callback, this);

    /// <summary>
    /// Completes the wait with poll's <paramref name="revents"/>. With <paramref name="inline"/> the awaiting code
    /// runs on the calling (poll) thread until its next real wait, instead of on the thread pool.
    /// </summary>
    public bool TrySetResult(short revents, bool inline)
    {
        if (Interlocked.Exchange(ref _pending, 0) != 1)
        {
            return false;
        }

        // Only the winner of the exchange gets here, so nothing else reads or writes the flag for this wait.
        _core.RunContinuationsAsynchronously = !inline;
        _core.SetResult(revents);
        return true;
    }

    public bool TrySetException(Exception exception)
    {
        if (Interlocked.Exchange(ref _pending, 0) != 1)
        {
            return false;
        }

        // Never run the awaiting code inside a cancellation callback or a disposing caller.
        _core.RunContinuationsAsynchronously = true;
        _core.SetException(exception);
        return true;
    }

    public short GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            // Disposing waits for a running cancellation callback, so none can touch the next wait.
            _registration.Dispose();
            _registration = default;
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

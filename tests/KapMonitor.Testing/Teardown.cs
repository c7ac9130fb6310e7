namespace KapMonitor.Testing;

/// <summary>
/// What a test or rig set up, one thing after another, torn down in reverse order: the last peer started is the
/// first stopped, the temp directory it used goes after it. Every step runs even when an earlier one throws (a
/// stuck pty must not leave mosquitto running); the failures are then rethrown together. Register from one
/// thread, as set-up code does.
/// </summary>
public sealed class Teardown : IAsyncDisposable
{
    private readonly Stack<Func<ValueTask>> _steps = new();
    private bool _disposed;

    /// <summary>Number of steps still to run.</summary>
    public int Count => _steps.Count;

    /// <summary>Registers <paramref name="resource"/> for disposal and returns it, so a start can be wrapped in place.</summary>
    public T Add<T>(T resource) where T : IAsyncDisposable
    {
        ArgumentNullException.ThrowIfNull(resource);
        Push(resource.DisposeAsync);
        return resource;
    }

    /// <summary>Registers <paramref name="resource"/> for disposal.</summary>
    public void Add(IDisposable resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Push(() =>
        {
            resource.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Registers a teardown step that is not a plain dispose (stop, then dispose).</summary>
    public void Add(Func<ValueTask> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        Push(step);
    }

    /// <summary>
    /// Runs every step, last registered first. Throws an <see cref="AggregateException"/> holding each step's failure
    /// once all have run; a second call does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        List<Exception>? failures = null;
        while (_steps.TryPop(out var step))
        {
            try
            {
                await step();
            }
            catch (Exception ex)
            {
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException($"{failures.Count} teardown step(s) failed; the others ran.", failures);
        }
    }

    private void Push(Func<ValueTask> step)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _steps.Push(step);
    }
}

namespace KapMonitor.Testing;

/// <summary>
/// Waits for a condition that another thread, process or peer makes true, polling against a real-time
/// deadline. The one place tests wait on I/O: never a fixed sleep that a test's correctness relies on.
/// </summary>
public static class Eventually
{
    /// <summary>Default deadline, generous for a loaded 2-core CI machine.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(5);

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test with <paramref name="describe"/> at the deadline.</summary>
    public static Task TrueAsync(Func<bool> condition, Func<string> describe, TimeSpan? limit = null) =>
        TrueAsync(() => Task.FromResult(condition()), describe, limit);

    /// <summary>Waits until the asynchronous <paramref name="condition"/> holds; fails the test at the deadline.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> describe, TimeSpan? limit = null)
    {
        if (!await HoldsWithinAsync(condition, limit ?? Limit))
        {
            throw new Xunit.Sdk.XunitException($"Condition not met within {(limit ?? Limit).TotalSeconds:0} s: {describe()}");
        }
    }

    /// <summary>True when <paramref name="condition"/> holds before <paramref name="limit"/>; false at the deadline.</summary>
    public static async Task<bool> HoldsWithinAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(s_poll);
        }

        return true;
    }
}

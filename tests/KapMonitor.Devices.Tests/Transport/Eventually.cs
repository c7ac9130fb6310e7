namespace KapMonitor.Devices.Tests.Transport;

/// <summary>
/// Waits for a condition that another thread makes true (the link runs on the thread pool even with a
/// manual clock). Polls with a generous real-time limit; never a fixed sleep that a test relies on.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task TrueAsync(Func<bool> condition, Func<string> describe, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? Limit);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Condition not met within {(limit ?? Limit).TotalSeconds:0} s: {describe()}");
            }

            await Task.Delay(5);
        }
    }
}

namespace KapMonitor.Benchmarks.Pipeline;

/// <summary>
/// CPU time of the calling thread from Linux's <c>/proc/thread-self/schedstat</c> (first field: nanoseconds on a
/// CPU), so the feeder's own write syscalls can be subtracted from the process total.
/// </summary>
internal static class ThreadCpu
{
    public static TimeSpan Now()
    {
        var text = File.ReadAllText("/proc/thread-self/schedstat");
        var ns = long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromTicks(ns / 100);
    }
}

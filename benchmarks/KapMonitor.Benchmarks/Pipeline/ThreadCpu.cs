using System.Runtime.InteropServices;

namespace KapMonitor.Benchmarks.Pipeline;

/// <summary>
/// CPU time of one thread from Linux's <c>schedstat</c> (first field: nanoseconds on a CPU), so a bench can count the
/// threads it means and leave out the rest (the feeder's own write syscalls, a subscriber in the same process).
/// </summary>
internal static partial class ThreadCpu
{
    /// <summary>The calling thread's CPU time so far.</summary>
    public static TimeSpan Now() => Read("/proc/thread-self/schedstat");

    /// <summary>CPU time so far of this process's thread <paramref name="tid"/> (see <see cref="CurrentId"/>).</summary>
    public static TimeSpan Of(int tid) => Read($"/proc/self/task/{tid}/schedstat");

    /// <summary>The calling thread's kernel thread id, for <see cref="Of"/>.</summary>
    public static int CurrentId() => GetTid();

    private static TimeSpan Read(string path)
    {
        var text = File.ReadAllText(path);
        var ns = long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromTicks(ns / 100);
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}

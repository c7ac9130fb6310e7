using System.Runtime.InteropServices;

namespace KapMonitor.Simulators.Interop;

internal static unsafe partial class LibcWrite
{
    /// <summary>write(2); bytes written or -1.</summary>
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Invoke(int fd, byte* buffer, nint count);
}

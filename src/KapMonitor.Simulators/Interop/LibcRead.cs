using System.Runtime.InteropServices;

namespace KapMonitor.Simulators.Interop;

internal static unsafe partial class LibcRead
{
    /// <summary>read(2); bytes read or -1.</summary>
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Invoke(int fd, byte* buffer, nint count);
}

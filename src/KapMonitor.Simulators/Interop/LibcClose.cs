using System.Runtime.InteropServices;

namespace KapMonitor.Simulators.Interop;

internal static partial class LibcClose
{
    /// <summary>close(2).</summary>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Invoke(int fd);
}

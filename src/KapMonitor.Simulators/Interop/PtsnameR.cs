using System.Runtime.InteropServices;

namespace KapMonitor.Simulators.Interop;

internal static unsafe partial class PtsnameR
{
    /// <summary>ptsname_r(3): the slave's path into <paramref name="buffer"/> (thread-safe form); 0 or an errno.</summary>
    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    internal static partial int Invoke(int fd, byte* buffer, nuint length);
}

using System.Runtime.InteropServices;

namespace KapMonitor.Simulators.Interop;

internal static partial class PosixOpenpt
{
    /// <summary>posix_openpt(3): opens a pseudo-terminal master; returns the fd or -1 (errno set).</summary>
    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    internal static partial int Invoke(int flags);
}

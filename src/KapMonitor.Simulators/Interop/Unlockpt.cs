using System.Runtime.InteropServices;

namespace KapMonitor.Simulators.Interop;

internal static partial class Unlockpt
{
    /// <summary>unlockpt(3): allows the slave to be opened; 0 or -1.</summary>
    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    internal static partial int Invoke(int fd);
}

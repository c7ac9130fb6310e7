using System.Runtime.InteropServices;

namespace KapMonitor.Simulators.Interop;

internal static partial class Grantpt
{
    /// <summary>grantpt(3): sets ownership and mode of the slave; 0 or -1.</summary>
    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    internal static partial int Invoke(int fd);
}

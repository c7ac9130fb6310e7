using System.Runtime.InteropServices;

namespace KapMonitor.Simulators.Interop;

internal static unsafe partial class Tcgetattr
{
    /// <summary>tcgetattr(3) into an opaque <c>struct termios</c> buffer (never read field by field here).</summary>
    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    internal static partial int Invoke(int fd, byte* termios);
}

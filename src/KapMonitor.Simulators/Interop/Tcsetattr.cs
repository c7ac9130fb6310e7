using System.Runtime.InteropServices;

namespace KapMonitor.Simulators.Interop;

internal static unsafe partial class Tcsetattr
{
    /// <summary>TCSANOW: apply at once.</summary>
    internal const int Now = 0;

    /// <summary>tcsetattr(3) from an opaque <c>struct termios</c> buffer.</summary>
    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    internal static partial int Invoke(int fd, int optionalActions, byte* termios);
}

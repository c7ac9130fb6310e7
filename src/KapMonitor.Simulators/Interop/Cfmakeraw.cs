using System.Runtime.InteropServices;

namespace KapMonitor.Simulators.Interop;

internal static unsafe partial class Cfmakeraw
{
    /// <summary>cfmakeraw(3): raw mode (no echo, no line editing, 8 bits) in an opaque termios buffer.</summary>
    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    internal static partial void Invoke(byte* termios);
}

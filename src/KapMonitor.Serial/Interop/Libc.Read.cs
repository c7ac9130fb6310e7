using System.Runtime.InteropServices;

namespace KapMonitor.Serial.Interop;

internal static partial class Libc
{
    /// <summary><c>ssize_t read(int fd, void *buf, size_t count)</c>; 0 is end of file (hang-up on a tty with VMIN=1).</summary>
    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    internal static unsafe partial nint Read(SafeFdHandle fd, byte* buffer, nuint count);
}

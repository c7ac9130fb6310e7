using System.Runtime.InteropServices;

namespace KapMonitor.Serial.Interop;

internal static partial class Libc
{
    /// <summary><c>ssize_t write(int fd, const void *buf, size_t count)</c>; may write fewer bytes than asked.</summary>
    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint Write(SafeFdHandle fd, byte* buffer, nuint count);
}

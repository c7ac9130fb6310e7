using System.Runtime.InteropServices;

namespace KapMonitor.Serial.Interop;

internal static partial class Libc
{
    /// <summary><c>int close(int fd)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

using System.Runtime.InteropServices;

namespace KapMonitor.Serial.Interop;

internal static partial class Libc
{
    internal const int LockExclusive = 2; // LOCK_EX
    internal const int LockNonBlocking = 4; // LOCK_NB

    /// <summary><c>int flock(int fd, int operation)</c>: advisory whole-file lock, released when the fd closes.</summary>
    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(SafeFdHandle fd, int operation);
}

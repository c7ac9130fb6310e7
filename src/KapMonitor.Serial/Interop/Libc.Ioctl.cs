using System.Runtime.InteropServices;

namespace KapMonitor.Serial.Interop;

internal static partial class Libc
{
    // ioctl is variadic in C. On the Linux ABIs we ship (x86_64 SysV, aarch64 AAPCS64 as used by Linux,
    // not Apple's) a variadic pointer argument is passed exactly like a fixed one, so a fixed
    // three-argument signature is correct. The request is 'unsigned long' = nuint on LP64.

    /// <summary><c>int ioctl(int fd, unsigned long request, void *arg)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    internal static unsafe partial int Ioctl(SafeFdHandle fd, nuint request, void* argument);
}

using System.Runtime.InteropServices;

namespace KapMonitor.Serial.Interop;

internal static partial class Libc
{
    internal const int EventFdCloseOnExec = 0x80000; // EFD_CLOEXEC (= O_CLOEXEC)
    internal const int EventFdNonBlocking = 0x800; // EFD_NONBLOCK (= O_NONBLOCK)

    /// <summary><c>int eventfd(unsigned int initval, int flags)</c>: the poller's wake-up descriptor.</summary>
    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initialValue, int flags);
}

using System.Runtime.InteropServices;

namespace KapMonitor.Serial.Interop;

internal static partial class Libc
{
    /// <summary><c>int poll(struct pollfd *fds, nfds_t nfds, int timeout)</c>; timeout in ms, -1 waits forever.</summary>
    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);
}

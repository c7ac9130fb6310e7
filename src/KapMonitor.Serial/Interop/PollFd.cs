using System.Runtime.InteropServices;

namespace KapMonitor.Serial.Interop;

/// <summary><c>struct pollfd { int fd; short events; short revents; }</c> (8 bytes on every Linux ABI).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}

using System.Runtime.InteropServices;

namespace KapMonitor.Serial.Interop;

/// <summary>
/// Owns one Linux file descriptor. P/Invokes take this type so the runtime ref-counts the handle across
/// each call: disposing while another thread sits in read()/write() defers close() until that call returns,
/// which rules out closing an fd number that a concurrent open() has already reused.
/// </summary>
internal sealed class SafeFdHandle : SafeHandle
{
    public SafeFdHandle() : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    internal SafeFdHandle(int fd) : this() => SetHandle(fd);

    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>The raw descriptor number (for poll sets only; never close it directly).</summary>
    internal int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle()
    {
        // Linux close() releases the fd even when it reports EINTR, so it must never be retried.
        _ = Libc.Close(Fd);
        return true;
    }
}

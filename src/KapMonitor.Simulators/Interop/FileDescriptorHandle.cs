using System.Runtime.InteropServices;

namespace KapMonitor.Simulators.Interop;

/// <summary>Owns a file descriptor and closes it exactly once.</summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => LibcClose.Invoke((int)handle) == 0;
}

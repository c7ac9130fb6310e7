using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace KapMonitor.Benchmarks.Pipeline;

/// <summary>
/// A pseudo-terminal opened with <c>posix_openpt(3)</c>: the bench writes the device's bytes to the master and the
/// service opens the slave (<see cref="SlavePath"/>, a real tty) as it would a USB serial adapter. Unlike the socat
/// pair the tests use (which can be unplugged), no relay process sits between the write and the tty: the kernel
/// hands the bytes to the slave's line discipline, as a serial driver does, so the relay's wake-up is not charged
/// to the pipeline.
/// </summary>
internal sealed partial class DirectPty : IDisposable
{
    private const int ReadWrite = 0x2;   // O_RDWR
    private const int NoControllingTty = 0x100; // O_NOCTTY (x86-64 and arm64)

    private readonly SafeFileHandle _slave;

    private DirectPty(FileStream master, string slavePath, SafeFileHandle slave)
    {
        Master = master;
        SlavePath = slavePath;
        _slave = slave;
    }

    /// <summary>The master side, unbuffered: each write is one write(2).</summary>
    public FileStream Master { get; }

    /// <summary>The slave tty's path, e.g. <c>/dev/pts/7</c>.</summary>
    public string SlavePath { get; }

    public static DirectPty Open()
    {
        var fd = PosixOpenPt(ReadWrite | NoControllingTty);
        if (fd < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "posix_openpt failed");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var name = new byte[128];
            if (GrantPt(fd) != 0 || UnlockPt(fd) != 0 || PtsNameR(fd, name, name.Length) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "grantpt/unlockpt/ptsname_r failed");
            }

            var path = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
            return new DirectPty(new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0), path, OpenRawSlave(path));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Master.Dispose();
        _slave.Dispose();
    }

    /// <summary>
    /// Opens the slave once (without the flock .NET's file APIs take, which would make the service's exclusive open
    /// fail) and puts it in raw mode, so a reader that does not set termios itself gets bytes, not lines and echoes;
    /// the descriptor stays open for the pty's lifetime so the settings stay.
    /// </summary>
    private static unsafe SafeFileHandle OpenRawSlave(string path)
    {
        var fd = Open(path, ReadWrite | NoControllingTty);
        if (fd < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"open {path} failed");
        }

        var slave = new SafeFileHandle(fd, ownsHandle: true);
        var termios = stackalloc byte[256]; // struct termios is 60 bytes on glibc; treated as opaque
        if (TcGetAttr(fd, termios) != 0)
        {
            slave.Dispose();
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"tcgetattr {path} failed");
        }

        CfMakeRaw(termios);
        if (TcSetAttr(fd, 0, termios) != 0) // TCSANOW
        {
            slave.Dispose();
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"tcsetattr {path} failed");
        }

        return slave;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static unsafe partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static unsafe partial int TcSetAttr(int fd, int actions, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static unsafe partial void CfMakeRaw(byte* termios);

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenPt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsNameR(int fd, byte[] buffer, nint length);
}

using System.Runtime.InteropServices;
using System.Text;
using KapMonitor.Simulators.Interop;

namespace KapMonitor.Simulators.Outputs;

/// <summary>
/// A pseudo-terminal: the simulator owns the master end and the service opens the slave path as if it
/// were a USB serial adapter. Pulling the cable closes the master (the reader sees a hang-up) and
/// plugging it back opens a new pty; point the service at <see cref="LinkPath"/> to follow it.
/// </summary>
public sealed class PtySimulatorOutput : ISimulatorOutput
{
    // glibc struct termios is 60 bytes on x86_64 and aarch64 (bits/termios-struct.h); we only pass it through.
    private const int TermiosBufferSize = 256;
    private FileDescriptorHandle? _master;

    /// <summary>Opens a pty (and, with <paramref name="linkPath"/>, a symlink to its slave).</summary>
    public PtySimulatorOutput(string? linkPath = null)
    {
        LinkPath = linkPath;
        Open();
    }

    /// <summary>Path of the slave device (e.g. /dev/pts/7); changes after a simulated unplug.</summary>
    public string SlavePath { get; private set; } = "";

    /// <summary>Stable symlink to the current slave, or null.</summary>
    public string? LinkPath { get; }

    /// <inheritdoc />
    public string Description => LinkPath is null ? SlavePath : $"{LinkPath} -> {SlavePath}";

    /// <inheritdoc />
    public unsafe void Write(ReadOnlySpan<byte> data)
    {
        if (_master is null)
        {
            return;
        }

        fixed (byte* p = data)
        {
            var offset = 0;
            while (offset < data.Length)
            {
                var n = LibcWrite.Invoke(_master.Fd, p + offset, data.Length - offset);
                if (n > 0)
                {
                    offset += (int)n;
                    continue;
                }

                if (n < 0 && Marshal.GetLastPInvokeError() == Errno.Interrupted)
                {
                    continue;
                }

                // EAGAIN (nobody reading, buffer full) or EIO: the bytes are lost, as on a real line.
                return;
            }
        }
    }

    /// <inheritdoc />
    public unsafe int Read(Span<byte> buffer)
    {
        if (_master is null || buffer.IsEmpty)
        {
            return 0;
        }

        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = LibcRead.Invoke(_master.Fd, p, buffer.Length);
                if (n >= 0)
                {
                    return (int)n;
                }

                if (Marshal.GetLastPInvokeError() != Errno.Interrupted)
                {
                    // EAGAIN: nothing to read; EIO: no slave open yet / slave closed.
                    return 0;
                }
            }
        }
    }

    /// <inheritdoc />
    public void SetAttached(bool attached)
    {
        if (attached && _master is null)
        {
            Open();
        }
        else if (!attached && _master is not null)
        {
            CloseMaster();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        CloseMaster();
        return ValueTask.CompletedTask;
    }

    private unsafe void Open()
    {
        var fd = PosixOpenpt.Invoke(OpenFlags.ReadWrite | OpenFlags.NoControllingTty | OpenFlags.NonBlocking | OpenFlags.CloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"posix_openpt failed (errno {Marshal.GetLastPInvokeError()}); is /dev/ptmx available?");
        }

        var handle = new FileDescriptorHandle(fd);
        try
        {
            Check(Grantpt.Invoke(fd), "grantpt");
            Check(Unlockpt.Invoke(fd), "unlockpt");
            var name = stackalloc byte[128];
            var rc = PtsnameR.Invoke(fd, name, 128);
            if (rc != 0)
            {
                throw new IOException($"ptsname_r failed (error {rc}).");
            }

            // Raw mode on the pair: no echo of host commands back to us, no line buffering, 8 bits clean.
            var termios = stackalloc byte[TermiosBufferSize];
            Check(Tcgetattr.Invoke(fd, termios), "tcgetattr");
            Cfmakeraw.Invoke(termios);
            Check(Tcsetattr.Invoke(fd, Tcsetattr.Now, termios), "tcsetattr");

            SlavePath = Encoding.ASCII.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        _master = handle;
        if (LinkPath is not null)
        {
            File.Delete(LinkPath);
            File.CreateSymbolicLink(LinkPath, SlavePath);
        }
    }

    private void CloseMaster()
    {
        _master?.Dispose();
        _master = null;
        if (LinkPath is not null)
        {
            File.Delete(LinkPath);
        }
    }

    private static void Check(int rc, string call)
    {
        if (rc != 0)
        {
            throw new IOException($"{call} failed on the pty master (errno {Marshal.GetLastPInvokeError()}).");
        }
    }
}

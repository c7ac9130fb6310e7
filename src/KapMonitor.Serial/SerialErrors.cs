using System.Runtime.InteropServices;
using KapMonitor.Serial.Interop;

namespace KapMonitor.Serial;

/// <summary>The one place where errno becomes an exception.</summary>
internal static class SerialErrors
{
    /// <summary>True for the errnos that mean the device is gone for good (hung-up tty: Linux tty_io.c).</summary>
    public static bool MeansGone(int errno) => errno is Errno.EIO or Errno.ENXIO or Errno.ENODEV or Errno.EBADF;

    /// <summary>Builds the exception for a failed <paramref name="operation"/> on <paramref name="path"/>.</summary>
    public static SerialPortException FromErrno(int errno, string operation, string path)
    {
        var text = $"{operation} on {path} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
        return errno switch
        {
            _ when MeansGone(errno) => new SerialPortGoneException($"{text}. The device was unplugged or hung up; reopen it when it is back.", errno),
            Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP => new SerialPortNotFoundException($"{text}. Check that the device is plugged in and the path (prefer /dev/serial/by-id/...) is right.", errno),
            Errno.EBUSY or Errno.EAGAIN => new SerialPortBusyException($"{text}. Another program holds the port exclusively; stop it (e.g. ModemManager, a terminal) and retry.", errno),
            Errno.EACCES or Errno.EPERM => new SerialPortException($"{text}. Give the service user access to the tty (e.g. add it to the 'dialout' group).", errno),
            Errno.ENOTTY => new SerialPortException($"{text}. The path is not a serial device (tty).", errno),
            _ => new SerialPortException(text + ".", errno),
        };
    }

    /// <summary>Builds the exception for an end-of-file read that poll confirmed as a hang-up.</summary>
    public static SerialPortGoneException HungUp(string path) =>
        new($"{path} hung up (end of file with POLLHUP). The device was unplugged or its peer closed; reopen it when it is back.", 0);

    /// <summary>Throws the translated exception for the calling thread's last P/Invoke errno.</summary>
    public static SerialPortException Last(string operation, string path) => FromErrno(Marshal.GetLastPInvokeError(), operation, path);
}

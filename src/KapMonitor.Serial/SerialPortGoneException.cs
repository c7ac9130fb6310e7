namespace KapMonitor.Serial;

/// <summary>
/// The device went away: hang-up (end of file with POLLHUP/POLLERR), or EIO, ENXIO, ENODEV or EBADF from
/// the tty (USB adapter unplugged, pty peer closed; Linux tty_io.c hung_up_tty_fops). The port is dead; dispose it and reopen.
/// </summary>
public sealed class SerialPortGoneException : SerialPortException
{
    /// <summary>Creates the exception.</summary>
    public SerialPortGoneException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SerialPortGoneException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SerialPortGoneException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and errno (0 for a hang-up seen as end of file).</summary>
    public SerialPortGoneException(string message, int errno) : base(message, errno)
    {
    }
}

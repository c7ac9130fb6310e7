namespace KapMonitor.Serial;

/// <summary>A serial port operation failed. <see cref="Errno"/> carries the Linux error number, if any.</summary>
public class SerialPortException : IOException
{
    /// <summary>Creates the exception.</summary>
    public SerialPortException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SerialPortException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SerialPortException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the errno that caused it.</summary>
    public SerialPortException(string message, int errno) : base(message) => Errno = errno;

    /// <summary>The Linux errno behind the failure, or 0.</summary>
    public int Errno { get; }
}

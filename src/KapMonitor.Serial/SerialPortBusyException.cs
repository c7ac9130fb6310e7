namespace KapMonitor.Serial;

/// <summary>Another process (or another <see cref="SerialPort"/>) holds the port exclusively.</summary>
public sealed class SerialPortBusyException : SerialPortException
{
    /// <summary>Creates the exception.</summary>
    public SerialPortBusyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SerialPortBusyException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SerialPortBusyException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and errno.</summary>
    public SerialPortBusyException(string message, int errno) : base(message, errno)
    {
    }
}

namespace KapMonitor.Serial;

/// <summary>The device path does not exist (not plugged in yet, or a dangling /dev/serial/by-id link).</summary>
public sealed class SerialPortNotFoundException : SerialPortException
{
    /// <summary>Creates the exception.</summary>
    public SerialPortNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SerialPortNotFoundException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SerialPortNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and errno.</summary>
    public SerialPortNotFoundException(string message, int errno) : base(message, errno)
    {
    }
}

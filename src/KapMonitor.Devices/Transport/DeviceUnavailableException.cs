namespace KapMonitor.Devices.Transport;

/// <summary>The device behind a channel is absent or went away (unplugged, hung up, connection refused or reset).</summary>
public sealed class DeviceUnavailableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public DeviceUnavailableException() { }

    /// <summary>Creates the exception with a message.</summary>
    public DeviceUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public DeviceUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}

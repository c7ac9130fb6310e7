namespace KapMonitor.Mqtt;

/// <summary>
/// The connection to the broker could not be made or was lost (DNS, refused, reset, TLS handshake,
/// timeout), or an operation needed a connection that is not there.
/// </summary>
public sealed class MqttCommunicationException : MqttException
{
    /// <summary>Creates the exception with a message.</summary>
    public MqttCommunicationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying socket/TLS/IO error.</summary>
    public MqttCommunicationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MqttCommunicationException()
        : base("The connection to the MQTT broker failed.")
    {
    }
}

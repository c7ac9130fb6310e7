namespace KapMonitor.Mqtt;

/// <summary>Base type of every exception the MQTT library throws on purpose.</summary>
public class MqttException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public MqttException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MqttException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public MqttException()
        : base("MQTT error.")
    {
    }
}

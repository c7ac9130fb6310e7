namespace KapMonitor.Mqtt;

/// <summary>
/// Bytes that break the MQTT wire rules: malformed packets and protocol errors. The decoder throws only
/// this type for bad input; <see cref="Reason"/> is the reason code a 5.0 peer would send in DISCONNECT.
/// </summary>
public sealed class MqttProtocolException : MqttException
{
    /// <summary>Creates the exception with the reason code and a description of the violation.</summary>
    public MqttProtocolException(MqttReasonCode reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Creates a malformed-packet exception.</summary>
    public MqttProtocolException(string message)
        : this(MqttReasonCode.MalformedPacket, message)
    {
    }

    /// <summary>Creates a malformed-packet exception with a cause.</summary>
    public MqttProtocolException(string message, Exception? innerException)
        : base(message, innerException) => Reason = MqttReasonCode.MalformedPacket;

    /// <summary>Creates a malformed-packet exception with a default message.</summary>
    public MqttProtocolException()
        : this(MqttReasonCode.MalformedPacket, "Malformed MQTT packet.")
    {
    }

    /// <summary>The violation class: usually <see cref="MqttReasonCode.MalformedPacket"/> or <see cref="MqttReasonCode.ProtocolError"/>.</summary>
    public MqttReasonCode Reason { get; }
}

namespace KapMonitor.Mqtt;

/// <summary>
/// The broker refused the connection in CONNACK (3.1.1 §3.2.2.3 return code; 5.0 §3.2.2.2 reason code and
/// Reason String), or the CONNECT exchange failed.
/// </summary>
public sealed class MqttConnectException : MqttException
{
    /// <summary>Creates the exception for a refused CONNACK.</summary>
    public MqttConnectException(MqttReasonCode reasonCode, string? reasonString, string message)
        : base(message)
    {
        ReasonCode = reasonCode;
        ReasonString = reasonString;
    }

    /// <summary>Creates the exception with a message only (reason <see cref="MqttReasonCode.UnspecifiedError"/>).</summary>
    public MqttConnectException(string message)
        : this(MqttReasonCode.UnspecifiedError, null, message)
    {
    }

    /// <summary>Creates the exception with a message and cause (reason <see cref="MqttReasonCode.UnspecifiedError"/>).</summary>
    public MqttConnectException(string message, Exception? innerException)
        : base(message, innerException) => ReasonCode = MqttReasonCode.UnspecifiedError;

    /// <summary>Creates the exception with a default message.</summary>
    public MqttConnectException()
        : this("The MQTT broker refused the connection.")
    {
    }

    /// <summary>The refusal reason; 3.1.1 return codes are mapped (4 → <see cref="MqttReasonCode.BadUserNameOrPassword"/>).</summary>
    public MqttReasonCode ReasonCode { get; }

    /// <summary>The 5.0 Reason String property of the CONNACK, when the broker sent one.</summary>
    public string? ReasonString { get; }
}

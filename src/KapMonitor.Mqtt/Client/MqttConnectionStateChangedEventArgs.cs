namespace KapMonitor.Mqtt.Client;

/// <summary>A connection state transition, with the error that caused it when there was one.</summary>
public sealed class MqttConnectionStateChangedEventArgs(MqttConnectionState previous, MqttConnectionState state, Exception? error, bool sessionPresent) : EventArgs
{
    /// <summary>State before the change.</summary>
    public MqttConnectionState Previous { get; } = previous;

    /// <summary>State after the change.</summary>
    public MqttConnectionState State { get; } = state;

    /// <summary>
    /// Why the connection failed or ended: <see cref="MqttConnectException"/> (CONNACK refusal with reason code
    /// and reason string), <see cref="MqttCommunicationException"/>, <see cref="MqttProtocolException"/>; null otherwise.
    /// </summary>
    public Exception? Error { get; } = error;

    /// <summary>On <see cref="MqttConnectionState.Connected"/>: whether the broker resumed the stored session.</summary>
    public bool SessionPresent { get; } = sessionPresent;
}

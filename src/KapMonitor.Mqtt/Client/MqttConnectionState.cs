namespace KapMonitor.Mqtt.Client;

/// <summary>Where the client is in its connection life cycle.</summary>
public enum MqttConnectionState
{
    /// <summary>Not connected; a reconnect may be pending.</summary>
    Disconnected,

    /// <summary>Opening the transport or waiting for CONNACK.</summary>
    Connecting,

    /// <summary>CONNACK accepted; packets flow.</summary>
    Connected,

    /// <summary>Stopped by DisconnectAsync, AbortAsync or DisposeAsync; no more reconnects.</summary>
    Stopped,
}

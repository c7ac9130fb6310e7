using KapMonitor.Mqtt.Channels;

namespace KapMonitor.Mqtt.Client;

/// <summary>Configuration of an <see cref="MqttClient"/>.</summary>
public sealed record MqttClientOptions
{
    /// <summary>Broker host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>Broker port (1883 plain, 8883 TLS by convention).</summary>
    public int Port { get; init; } = 1883;

    /// <summary>Client identifier; empty lets a 5.0 broker assign one (3.1.1 needs <see cref="CleanStart"/> then).</summary>
    public string ClientId { get; init; } = "";

    /// <summary>Protocol version spoken on the wire.</summary>
    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.V500;

    /// <summary>Clean Session (3.1.1) / Clean Start (5.0), sent on every connect. False resumes a stored session.</summary>
    public bool CleanStart { get; init; } = true;

    /// <summary>5.0 Session Expiry Interval in seconds (0 = session ends with the connection, uint.MaxValue = never).</summary>
    public uint SessionExpiryInterval { get; init; }

    /// <summary>Keep Alive; the client sends PINGREQ when idle this long. Zero disables. Whole seconds, at most 65535.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for PINGRESP before declaring the connection dead; null = the keep-alive interval.</summary>
    public TimeSpan? PingResponseTimeout { get; init; }

    /// <summary>How long connecting (TCP, TLS and the CONNACK) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>User name, or null.</summary>
    public string? UserName { get; init; }

    /// <summary>Password, or null.</summary>
    public string? Password { get; init; }

    /// <summary>TLS settings; null = plain TCP.</summary>
    public MqttTlsOptions? Tls { get; init; }

    /// <summary>The Will the broker publishes if this client vanishes without DISCONNECT.</summary>
    public MqttWill? Will { get; init; }

    /// <summary>5.0 User Properties sent in CONNECT.</summary>
    public IReadOnlyList<MqttUserProperty> ConnectUserProperties { get; init; } = [];

    /// <summary>Reconnect automatically after the connection is lost.</summary>
    public bool AutoReconnect { get; init; } = true;

    /// <summary>First reconnect delay; doubles per failed attempt.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Fraction (0..1) of each reconnect delay that is randomised, so many clients do not reconnect in step.</summary>
    public double ReconnectJitter { get; init; } = 0.5;

    /// <summary>Most QoS 1/2 publications in flight; the broker's 5.0 Receive Maximum lowers it further.</summary>
    public int MaximumInflight { get; init; } = 64;

    /// <summary>Largest packet accepted from the broker (sent as 5.0 Maximum Packet Size); larger ones close the connection.</summary>
    public int MaximumPacketSize { get; init; } = 1024 * 1024;

    /// <summary>Clock for keep-alive, timeouts and reconnect delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Creates the transport; null = <see cref="MqttTcpChannel"/> or, with <see cref="Tls"/>, <see cref="MqttTlsChannel"/>. Tests pass fakes here.</summary>
    public Func<MqttClientOptions, IMqttChannel>? ChannelFactory { get; init; }

    internal IMqttChannel CreateChannel() =>
        ChannelFactory?.Invoke(this) ?? (Tls is null ? new MqttTcpChannel(Host, Port) : new MqttTlsChannel(Host, Port, Tls));

    internal string Endpoint => $"{(Tls is null ? "mqtt" : "mqtts")}://{Host}:{Port}";
}

namespace KapMonitor.Mqtt.Channels;

/// <summary>TLS settings for <see cref="MqttTlsChannel"/>. The server certificate is always validated, host name included.</summary>
public sealed record MqttTlsOptions
{
    /// <summary>
    /// CA certificate (PEM or DER) that must anchor the broker's chain; when set, only this CA is trusted.
    /// When null the operating system's trust store is used.
    /// </summary>
    public string? CaCertificateFile { get; init; }

    /// <summary>Client certificate (PEM) for mutual TLS, or null.</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>Private key (PEM) of <see cref="ClientCertificateFile"/>; null when the certificate file holds the key.</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>Name expected in the broker's certificate (and sent as SNI); null = the connection host.</summary>
    public string? TargetHost { get; init; }
}

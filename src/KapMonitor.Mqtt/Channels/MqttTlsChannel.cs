using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace KapMonitor.Mqtt.Channels;

/// <summary>
/// TCP + TLS (default port 8883) over <see cref="SslStream"/>. Validates the broker certificate chain
/// (against <see cref="MqttTlsOptions.CaCertificateFile"/> when set) and its host name; a failure is a
/// <see cref="MqttCommunicationException"/> that says which check failed.
/// </summary>
public sealed class MqttTlsChannel : IMqttChannel
{
    private readonly string _host;
    private readonly int _port;
    private readonly MqttTlsOptions _options;
    private Socket? _socket;
    private SslStream? _stream;

    /// <summary>Creates a TLS channel to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public MqttTlsChannel(string host, int port, MqttTlsOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentNullException.ThrowIfNull(options);
        _host = host;
        _port = port;
        _options = options;
    }

    private string Endpoint => $"tls://{_host}:{_port}";

    /// <inheritdoc/>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        var authentication = BuildAuthenticationOptions(out var policyErrors);
        _socket = await MqttTcpChannel.ConnectSocketAsync(_host, _port, cancellationToken);
        _stream = new SslStream(new NetworkStream(_socket, ownsSocket: true), leaveInnerStreamOpen: false);
        try
        {
            await _stream.AuthenticateAsClientAsync(authentication, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var detail = policyErrors.Count > 0 ? $" Certificate problems: {string.Join("; ", policyErrors)}." : "";
            throw new MqttCommunicationException(
                $"TLS handshake with {Endpoint} failed: {ex.Message}{detail} " +
                (_options.CaCertificateFile is null
                    ? "No CA certificate file is configured, so the system trust store was used; set the CA certificate file if the broker uses a private CA."
                    : $"Check that '{_options.CaCertificateFile}' is the CA that signed the broker certificate and that the certificate names '{authentication.TargetHost}'."),
                ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await Stream.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex)
        {
            throw MqttChannelErrors.Translate(ex, Endpoint, "Reading from");
        }
    }

    /// <inheritdoc/>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await Stream.WriteAsync(data, cancellationToken);
        }
        catch (Exception ex)
        {
            throw MqttChannelErrors.Translate(ex, Endpoint, "Writing to");
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _socket?.Dispose();
    }

    private SslStream Stream => _stream ?? throw new InvalidOperationException("ConnectAsync has not completed.");

    private SslClientAuthenticationOptions BuildAuthenticationOptions(out List<string> policyErrors)
    {
        var errors = new List<string>();
        policyErrors = errors;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = _options.TargetHost ?? _host,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            // Runs after the platform checks (chain per CertificateChainPolicy, and the host name); we only
            // record what failed so the exception can say it. Nothing is ever waved through.
            RemoteCertificateValidationCallback = (_, _, chain, sslPolicyErrors) =>
            {
                if (sslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
                {
                    errors.Add($"the certificate does not name '{_options.TargetHost ?? _host}'");
                }

                if (sslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
                {
                    errors.Add("the broker sent no certificate");
                }

                if (sslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
                {
                    var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct() ?? [];
                    errors.Add($"chain not trusted ({string.Join(", ", statuses)})");
                }

                return sslPolicyErrors == SslPolicyErrors.None;
            },
        };

        if (_options.CaCertificateFile is { } caFile)
        {
            X509Certificate2 ca;
            try
            {
                ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new MqttCommunicationException($"Cannot load the TLS CA certificate file '{caFile}': {ex.Message}", ex);
            }

            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.Add(ca);
            options.CertificateChainPolicy = policy;
        }

        if (_options.ClientCertificateFile is { } certFile)
        {
            try
            {
                var certificate = X509Certificate2.CreateFromPemFile(certFile, _options.ClientKeyFile);
                options.ClientCertificates = [certificate];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new MqttCommunicationException($"Cannot load the TLS client certificate '{certFile}' / key '{_options.ClientKeyFile}': {ex.Message}", ex);
            }
        }

        return options;
    }
}

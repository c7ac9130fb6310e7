using System.Net.Sockets;
using System.Security.Authentication;

namespace KapMonitor.Mqtt.Channels;

/// <summary>Translates socket, TLS and stream errors into <see cref="MqttCommunicationException"/> in one place.</summary>
internal static class MqttChannelErrors
{
    public static Exception Translate(Exception ex, string endpoint, string operation) => ex switch
    {
        OperationCanceledException => ex,
        MqttException => ex,
        SocketException s => new MqttCommunicationException($"{operation} {endpoint} failed: {s.SocketErrorCode} ({s.Message}).", s),
        AuthenticationException a => new MqttCommunicationException(
            $"TLS handshake with {endpoint} failed: {a.Message} If the broker uses a private CA, set the TLS CA certificate file to that CA's certificate (PEM).", a),
        IOException { InnerException: SocketException s } io => new MqttCommunicationException($"{operation} {endpoint} failed: {s.SocketErrorCode} ({s.Message}).", io),
        IOException io => new MqttCommunicationException($"{operation} {endpoint} failed: {io.Message}", io),
        ObjectDisposedException d => new MqttCommunicationException($"{operation} {endpoint} failed: the connection is closed.", d),
        _ => ex,
    };
}

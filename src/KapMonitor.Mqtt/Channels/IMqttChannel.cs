namespace KapMonitor.Mqtt.Channels;

/// <summary>
/// The transport seam under the MQTT client: an ordered, reliable byte stream to the broker (TCP, TLS, or an
/// in-memory fake in tests). The client uses one reader and one writer; implementations need not support
/// concurrent reads or concurrent writes.
/// </summary>
public interface IMqttChannel : IAsyncDisposable
{
    /// <summary>Opens the stream. Throws <see cref="MqttCommunicationException"/> when the broker cannot be reached.</summary>
    ValueTask ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Reads at least one byte; returns 0 when the broker closed the stream. Throws <see cref="MqttCommunicationException"/> on I/O errors.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Writes all of <paramref name="data"/>. Throws <see cref="MqttCommunicationException"/> on I/O errors.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}

namespace KapMonitor.Devices.Transport;

/// <summary>
/// The transport seam: a bidirectional byte stream to one device, over a tty, a TCP socket (terminal
/// server), BLE characteristic notifications or an in-memory pipe. One reader loop and one writer per
/// channel; implementations need not support concurrent reads or concurrent writes.
/// </summary>
public interface IByteChannel : IAsyncDisposable
{
    /// <summary>Human-readable endpoint for logs ("/dev/ttyUSB0 9600 8N1", "tcp://10.0.0.5:4001").</summary>
    string Description { get; }

    /// <summary>Opens the channel. Throws <see cref="DeviceUnavailableException"/> when the device is absent.</summary>
    ValueTask OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads at least one byte, waiting without busy-polling. Throws <see cref="DeviceUnavailableException"/>
    /// when the device went away (hang-up, EOF, EIO, TCP reset).
    /// </summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Writes all of <paramref name="data"/> (commands to command-driven devices).</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}

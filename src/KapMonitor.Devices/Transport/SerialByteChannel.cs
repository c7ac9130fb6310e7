using System.Runtime.CompilerServices;
using KapMonitor.Serial;

namespace KapMonitor.Devices.Transport;

/// <summary>
/// A byte channel over a local serial port. The configured path is resolved again on every open, so a
/// <c>/dev/serial/by-id/...</c> link that disappears on unplug and comes back (often pointing at a new
/// <c>ttyUSBn</c>) is followed (udev 60-serial.rules). Absence, hang-up and "busy" become
/// <see cref="DeviceUnavailableException"/>; configuration mistakes (permissions, not a tty) stay
/// <see cref="SerialPortException"/>.
/// </summary>
public sealed class SerialByteChannel : IByteChannel
{
    private readonly string _path;
    private readonly SerialSettings _settings;
    private SerialPort? _port;

    /// <summary>Creates a channel for <paramref name="path"/> (prefer a stable /dev/serial/by-id link).</summary>
    public SerialByteChannel(string path, SerialSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(settings);
        _path = path;
        _settings = settings;
    }

    /// <inheritdoc />
    public string Description => ResolvedPath is { } node && node != _path ? $"{_path} -> {node} {_settings}" : $"{_path} {_settings}";

    /// <summary>The device node the last open resolved the path to, or null before the first open.</summary>
    public string? ResolvedPath { get; private set; }

    /// <inheritdoc />
    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_port is not null)
        {
            throw new InvalidOperationException($"{Description} is already open; a channel opens once (create a new one to reconnect).");
        }

        var node = Resolve(_path);
        ResolvedPath = node;
        try
        {
            _port = SerialPort.Open(node, _settings);
        }
        catch (Exception ex) when (ex is SerialPortNotFoundException or SerialPortGoneException or SerialPortBusyException)
        {
            throw new DeviceUnavailableException($"{_path}: {ex.Message}", ex);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var port = _port ?? throw NotOpen();
        try
        {
            return await port.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (SerialPortGoneException ex)
        {
            throw new DeviceUnavailableException($"{_path}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var port = _port ?? throw NotOpen();
        try
        {
            await port.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (SerialPortGoneException ex)
        {
            throw new DeviceUnavailableException($"{_path}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_port is { } port)
        {
            _port = null;
            await port.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Resolve(string path)
    {
        // Follow the whole link chain now, so a re-plugged device's new node is used and logs name it.
        FileSystemInfo? target;
        try
        {
            target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (FileNotFoundException ex)
        {
            throw new DeviceUnavailableException($"{path} does not exist. Check that the device is plugged in and the path is right.", ex);
        }
        catch (IOException ex)
        {
            throw new DeviceUnavailableException($"{path}: cannot follow the link ({ex.Message}). Check that the device is plugged in.", ex);
        }

        var node = target?.FullName ?? path;
        if (!File.Exists(node))
        {
            throw new DeviceUnavailableException(target is null
                ? $"{path} does not exist. Check that the device is plugged in and the path is right."
                : $"{path} points to {node}, which does not exist. The device is unplugged.");
        }

        return node;
    }

    private InvalidOperationException NotOpen() => new($"{Description} is not open; call OpenAsync first.");
}

using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace KapMonitor.Devices.Transport;

/// <summary>
/// One end of an in-memory, full-duplex byte channel for tests and simulators. Bytes written to one end
/// are read from the other. Disposing an end is the in-memory "unplug": the other end's reads then throw
/// <see cref="DeviceUnavailableException"/> once the bytes already sent are drained.
/// </summary>
public sealed class PipeByteChannel : IByteChannel
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private bool _opened;
    private bool _disposed;

    private PipeByteChannel(string description, PipeReader input, PipeWriter output)
    {
        Description = description;
        _input = input;
        _output = output;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Creates two connected ends: what <c>Device</c> writes, <c>Host</c> reads, and back.</summary>
    /// <param name="description">Endpoint name for logs.</param>
    public static (PipeByteChannel Host, PipeByteChannel Device) CreatePair(string description = "pipe")
    {
        var toHost = new Pipe(new PipeOptions(useSynchronizationContext: false));
        var toDevice = new Pipe(new PipeOptions(useSynchronizationContext: false));
        return (new PipeByteChannel(description, toHost.Reader, toDevice.Writer),
                new PipeByteChannel(description + " (device end)", toDevice.Reader, toHost.Writer));
    }

    /// <inheritdoc />
    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        _opened = true;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        EnsureOpen();
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
        var available = result.Buffer;
        if (available.IsEmpty && result.IsCompleted)
        {
            _input.AdvanceTo(available.End);
            throw new DeviceUnavailableException($"{Description}: the other end closed.");
        }

        var n = (int)Math.Min(available.Length, buffer.Length);
        var taken = available.Slice(0, n);
        taken.CopyTo(buffer.Span);
        _input.AdvanceTo(taken.End);
        return n;
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        EnsureOpen();
        var result = await _output.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted)
        {
            throw new DeviceUnavailableException($"{Description}: the other end closed.");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _output.CompleteAsync().ConfigureAwait(false);
        await _input.CompleteAsync().ConfigureAwait(false);
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_opened)
        {
            throw new InvalidOperationException($"{Description} is not open; call OpenAsync first.");
        }
    }
}

namespace KapMonitor.Simulators.Outputs;

/// <summary>
/// Keeps what the device writes in memory and lets a test play the host by injecting commands.
/// With <c>keepBytes: false</c> it only counts and hashes (cheap sink for load runs).
/// </summary>
public sealed class MemorySimulatorOutput(string description = "memory", bool keepBytes = true) : ISimulatorOutput
{
    private readonly object _gate = new();
    private readonly List<byte> _written = [];
    private readonly Queue<byte> _inbound = new();
    private ulong _hash = 14695981039346656037UL;

    /// <inheritdoc />
    public string Description => description;

    /// <summary>Bytes written so far (when keeping bytes).</summary>
    public int Count { get; private set; }

    /// <summary>FNV-1a hash of every byte written, to compare whole streams cheaply.</summary>
    public ulong Hash
    {
        get
        {
            lock (_gate)
            {
                return _hash;
            }
        }
    }

    /// <summary>False while the simulated cable is pulled.</summary>
    public bool Attached { get; private set; } = true;

    /// <summary>How many times the cable was pulled.</summary>
    public int Detachments { get; private set; }

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray()
    {
        lock (_gate)
        {
            return [.. _written];
        }
    }

    /// <summary>Returns and forgets the bytes written so far.</summary>
    public byte[] Take()
    {
        lock (_gate)
        {
            var bytes = _written.ToArray();
            _written.Clear();
            return bytes;
        }
    }

    /// <summary>Queues host → device bytes for the device's next tick.</summary>
    public void Inject(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            foreach (var b in data)
            {
                _inbound.Enqueue(b);
            }
        }
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            foreach (var b in data)
            {
                _hash = (_hash ^ b) * 1099511628211UL;
            }

            Count += data.Length;
            if (keepBytes)
            {
                _written.AddRange(data);
            }
        }
    }

    /// <inheritdoc />
    public int Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            var n = 0;
            while (n < buffer.Length && _inbound.TryDequeue(out var b))
            {
                buffer[n++] = b;
            }

            return n;
        }
    }

    /// <inheritdoc />
    public void SetAttached(bool attached)
    {
        if (Attached && !attached)
        {
            Detachments++;
        }

        Attached = attached;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

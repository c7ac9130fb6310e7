namespace KapMonitor.Simulators.Outputs;

/// <summary>Records every GATT value a simulated BLE device sends, in order (tests, capture).</summary>
public sealed class MemoryGattSimulatorOutput(string description = "gatt-memory") : IGattSimulatorOutput
{
    private readonly object _gate = new();
    private readonly List<(ushort Characteristic, byte[] Value)> _values = [];

    /// <inheritdoc />
    public string Description => description;

    /// <summary>False while disconnected.</summary>
    public bool Attached { get; private set; } = true;

    /// <summary>Returns and forgets the values sent so far.</summary>
    public IReadOnlyList<(ushort Characteristic, byte[] Value)> Take()
    {
        lock (_gate)
        {
            var copy = _values.ToList();
            _values.Clear();
            return copy;
        }
    }

    /// <inheritdoc />
    public void Notify(ushort characteristic, ReadOnlySpan<byte> value)
    {
        lock (_gate)
        {
            _values.Add((characteristic, value.ToArray()));
        }
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data) => Notify(0, data);

    /// <inheritdoc />
    public int Read(Span<byte> buffer) => 0;

    /// <inheritdoc />
    public void SetAttached(bool attached) => Attached = attached;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

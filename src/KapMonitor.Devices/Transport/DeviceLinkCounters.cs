namespace KapMonitor.Devices.Transport;

/// <summary>Running totals of one <see cref="DeviceLink"/>, safe to read from any thread.</summary>
public sealed class DeviceLinkCounters
{
    private long _bytesRead;
    private long _bytesWritten;
    private long _connects;
    private long _disconnects;
    private long _openFailures;
    private long _observations;
    private long _protocolErrors;
    private long _protocolErrorBytes;

    /// <summary>Bytes received from the device.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Command bytes sent to the device.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Successful opens.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Sessions that ended (unplug, drop, error).</summary>
    public long Disconnects => Interlocked.Read(ref _disconnects);

    /// <summary>Reconnects: successful opens after the first.</summary>
    public long Reconnects => Math.Max(0, Connects - 1);

    /// <summary>Open attempts that failed.</summary>
    public long OpenFailures => Interlocked.Read(ref _openFailures);

    /// <summary>Observations the protocol decoded.</summary>
    public long Observations => Interlocked.Read(ref _observations);

    /// <summary>Protocol errors reported (junk, checksum, truncated, malformed, out of range).</summary>
    public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);

    /// <summary>Bytes accounted for by protocol errors.</summary>
    public long ProtocolErrorBytes => Interlocked.Read(ref _protocolErrorBytes);

    internal void AddRead(int count) => Interlocked.Add(ref _bytesRead, count);

    internal void AddWritten(int count) => Interlocked.Add(ref _bytesWritten, count);

    internal void AddConnect() => Interlocked.Increment(ref _connects);

    internal void AddDisconnect() => Interlocked.Increment(ref _disconnects);

    internal void AddOpenFailure() => Interlocked.Increment(ref _openFailures);

    internal void AddObservation() => Interlocked.Increment(ref _observations);

    internal void AddProtocolError(int byteCount)
    {
        Interlocked.Increment(ref _protocolErrors);
        Interlocked.Add(ref _protocolErrorBytes, byteCount);
    }
}

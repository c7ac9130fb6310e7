namespace KapMonitor.Devices.Protocols.Common;

/// <summary>Accumulates skipped bytes so a run of junk is reported as one <see cref="ProtocolErrorKind.Resync"/>.</summary>
internal struct JunkCounter
{
    private int _count;

    public void Add(int bytes = 1) => _count += bytes;

    /// <summary>Reports pending junk, if any, and resets.</summary>
    public void Flush(IDecodeSink sink, string detail)
    {
        if (_count > 0)
        {
            sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Resync, _count, detail));
            _count = 0;
        }
    }
}

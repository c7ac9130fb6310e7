namespace KapMonitor.Devices.Protocols.Common;

/// <summary>What a protocol framed by <see cref="SyncBitFrame.Decode"/> does with what the framer finds.</summary>
internal interface ISyncBitFrameHandler
{
    /// <summary>
    /// Offered each byte that cannot start a frame, before it counts as junk: true when the protocol consumed it
    /// (a command reply), false when it is junk.
    /// </summary>
    bool TryConsumeNonFrameByte(byte value, DateTimeOffset receivedAt, IDecodeSink sink);

    /// <summary>One complete frame, sync byte first.</summary>
    void OnFrame(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IDecodeSink sink);
}

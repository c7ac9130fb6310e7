using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;

namespace KapMonitor.Devices.Protocols.Nonin;

/// <summary>
/// Nonin Data Format #8: 4-byte frames once per second, no checksum (mattjlewis/NoninPulseOx).
/// Byte 1 is the only byte with bit7 set, so framing checks that structure to resync:
/// <c>1·SNSD·OOT·LPRF·MPRF·ARTF·HR8·HR7 | 0·HR6..HR0 | 0·SpO2 | 0·STATUS2</c>.
/// </summary>
public sealed class NoninDf8Protocol : IDeviceProtocol, ISyncBitFrameHandler
{
    private const int FrameLength = 4;
    private const int MissingHr = 0x1FF;
    private const int MissingSpo2 = 0x7F;

    private readonly string _deviceId;
    private readonly StatusEdgeTracker _edges;
    private readonly NoninCommandChannel _commands;

    /// <summary>Creates a decoder for one device link.</summary>
    public NoninDf8Protocol(ProtocolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _deviceId = context.DeviceId;
        _edges = new StatusEdgeTracker(context.DeviceId);
        _commands = new NoninCommandChannel(context, "nonin-df8", 8);
    }

    /// <inheritdoc />
    public string ProtocolId => "nonin-df8";

    /// <inheritdoc />
    public TimeSpan? TickInterval => null;

    /// <inheritdoc />
    public int WriteCommands(in ProtocolTick tick, Span<byte> output) => _commands.WriteCommands(tick, output);

    /// <inheritdoc />
    public bool WritesAfterDecode => false; // the format command goes out on open only

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> input, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return SyncBitFrame.Decode(this, input, FrameLength, "bytes skipped before a Nonin DF8 frame", receivedAt, sink);
    }

    // Between frames the device may answer a command (ACK/NAK to a host command).
    bool ISyncBitFrameHandler.TryConsumeNonFrameByte(byte value, DateTimeOffset receivedAt, IDecodeSink sink) =>
        _commands.TryConsumeReply(value, receivedAt, sink);

    void ISyncBitFrameHandler.OnFrame(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        var flags = NoninStatusBits.FromDf8Status(frame[0]) | NoninStatusBits.FromDf8Status2(frame[3]);
        _edges.Update(flags & ~ObservationFlags.SmartPoint, receivedAt, sink);

        var hr = ((frame[0] & 0x03) << 7) | frame[1];
        var spo2 = frame[2];
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.PulseRate, hr == MissingHr ? double.NaN : hr, flags, receivedAt));
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.Spo2, spo2 == MissingSpo2 ? double.NaN : spo2, flags, receivedAt));
    }
}

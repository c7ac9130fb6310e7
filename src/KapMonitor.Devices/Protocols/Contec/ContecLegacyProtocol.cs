using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;

namespace KapMonitor.Devices.Protocols.Contec;

/// <summary>
/// Contec CMS50D+ legacy firmware (≈ ≤ 4.5) live stream (reverse-engineered: atbrask/CMS50Dplus):
/// 5-byte packets, ~60/s, bit7 set only in byte 1. Readings are thinned by <see cref="ReadingThrottle"/>
/// (default once per 60 packets, immediately on any change); the pleth waveform is not emitted.
/// </summary>
public sealed class ContecLegacyProtocol : IDeviceProtocol, ISyncBitFrameHandler
{
    private const int PacketLength = 5;

    private readonly string _deviceId;
    private readonly StatusEdgeTracker _edges;
    private readonly ReadingThrottle _throttle;

    /// <summary>Creates a decoder for one device link; <c>protocolOptions.emitEveryPackets</c> tunes the thinning.</summary>
    public ContecLegacyProtocol(ProtocolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _deviceId = context.DeviceId;
        _edges = new StatusEdgeTracker(context.DeviceId);
        _throttle = new ReadingThrottle(ReadingThrottle.ReadEvery(context.Options, "contec-legacy", 60));
    }

    /// <inheritdoc />
    public string ProtocolId => "contec-legacy";

    /// <inheritdoc />
    public TimeSpan? TickInterval => null;

    /// <inheritdoc />
    public int WriteCommands(in ProtocolTick tick, Span<byte> output) => 0;

    /// <inheritdoc />
    public bool WritesAfterDecode => false;

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> input, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return SyncBitFrame.Decode(this, input, PacketLength, "bytes skipped before a Contec packet", receivedAt, sink);
    }

    // This decoder sends the device no commands (WriteCommands is empty), so no byte is a reply: all else is junk.
    bool ISyncBitFrameHandler.TryConsumeNonFrameByte(byte value, DateTimeOffset receivedAt, IDecodeSink sink) => false;

    void ISyncBitFrameHandler.OnFrame(ReadOnlySpan<byte> p, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        var flags = ObservationFlags.None;
        if ((p[0] & 0x10) != 0 || (p[2] & 0x10) != 0)
        {
            flags |= ObservationFlags.ProbeOff; // finger out (byte 1) or probe error (byte 3)
        }

        if ((p[2] & 0x20) != 0)
        {
            flags |= ObservationFlags.Searching;
        }

        _edges.Update(flags, receivedAt, sink);
        var pr = ((p[2] & 0x40) << 1) | p[3];
        double pulse = pr == 0xFF ? double.NaN : pr;
        double spo2 = p[4] == 0x7F ? double.NaN : p[4];
        if (!_throttle.ShouldEmit(pulse, spo2, 0, flags))
        {
            return;
        }

        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.PulseRate, pulse, flags, receivedAt));
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.Spo2, spo2, flags, receivedAt));
    }
}

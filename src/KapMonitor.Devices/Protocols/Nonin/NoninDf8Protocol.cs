using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;

namespace KapMonitor.Devices.Protocols.Nonin;

/// <summary>
/// Nonin Data Format #8: 4-byte frames once per second, no checksum (protocols reference §2.1).
/// Byte 1 is the only byte with bit7 set, so framing checks that structure to resync:
/// <c>1·SNSD·OOT·LPRF·MPRF·ARTF·HR8·HR7 | 0·HR6..HR0 | 0·SpO2 | 0·STATUS2</c>.
/// </summary>
public sealed class NoninDf8Protocol : IDeviceProtocol
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
    public int Decode(ReadOnlySpan<byte> input, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var junk = default(JunkCounter);
        var pos = 0;
        while (pos < input.Length)
        {
            var rest = input[pos..];
            if (!SyncBitFrame.IsStart(rest, FrameLength))
            {
                if (!_commands.TryConsumeReply(rest[0], receivedAt, sink))
                {
                    junk.Add();
                }

                pos++;
                continue;
            }

            if (rest.Length < FrameLength)
            {
                break;
            }

            junk.Flush(sink, "bytes skipped before a Nonin DF8 frame");
            OnFrame(rest[..FrameLength], receivedAt, sink);
            pos += FrameLength;
        }

        junk.Flush(sink, "bytes skipped before a Nonin DF8 frame");
        return pos;
    }

    // Byte 1 has bit7 set and (as far as received) bytes 2–4 have it clear.

    private void OnFrame(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        var flags = NoninStatusBits.FromDf8Status(frame[0]) | NoninStatusBits.FromDf8Status2(frame[3]);
        _edges.Update(flags & ~ObservationFlags.SmartPoint, receivedAt, sink);

        var hr = ((frame[0] & 0x03) << 7) | frame[1];
        var spo2 = frame[2];
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.PulseRate, hr == MissingHr ? double.NaN : hr, flags, receivedAt));
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.Spo2, spo2 == MissingSpo2 ? double.NaN : spo2, flags, receivedAt));
    }
}

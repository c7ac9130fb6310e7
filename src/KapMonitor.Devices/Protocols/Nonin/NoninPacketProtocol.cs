using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;

namespace KapMonitor.Devices.Protocols.Nonin;

/// <summary>
/// Nonin Data Format #2 (<c>01 STATUS PLETH value CHK</c>) and #7 (<c>STATUS PLETH-MSB PLETH-LSB value CHK</c>):
/// 5-byte frames at 75/s, 25 frames = one packet whose per-frame value bytes carry HR, SpO2 and STAT2
/// (mattjlewis/NoninPulseOx, mdpnp/mdpnp, pufferfish-software). Emits pulse rate and SpO2 once per packet (3/s); the 75 Hz
/// plethysmogram is not emitted, to keep the journal small.
/// </summary>
public sealed class NoninPacketProtocol : IDeviceProtocol
{
    private const int FrameLength = 5;
    private const int FramesPerPacket = 25;
    private const int MissingHr = 0x1FF;
    private const int MissingSpo2 = 0x7F;

    private readonly string _deviceId;
    private readonly bool _df7;
    private readonly StatusEdgeTracker _edges;
    private readonly NoninCommandChannel _commands;
    private readonly byte[] _values = new byte[FramesPerPacket];
    private int _frameIndex = -1; // -1 until a frame with the SYNC bit starts a packet.
    private ObservationFlags _packetFlags;

    /// <summary>Creates a decoder for Data Format #2 (<paramref name="dataFormat7"/> false) or #7.</summary>
    public NoninPacketProtocol(ProtocolContext context, bool dataFormat7)
    {
        ArgumentNullException.ThrowIfNull(context);
        _deviceId = context.DeviceId;
        _df7 = dataFormat7;
        _edges = new StatusEdgeTracker(context.DeviceId);
        _commands = new NoninCommandChannel(context, dataFormat7 ? "nonin-df7" : "nonin-df2", dataFormat7 ? (byte)7 : (byte)2);
    }

    /// <inheritdoc />
    public string ProtocolId => _df7 ? "nonin-df7" : "nonin-df2";

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
        var junk = default(JunkCounter);
        var pos = 0;
        while (pos < input.Length)
        {
            var b = input[pos];
            if (!IsFrameStart(input[pos..]))
            {
                if (!_commands.TryConsumeReply(b, receivedAt, sink))
                {
                    junk.Add();
                }

                pos++;
                continue;
            }

            if (input.Length - pos < FrameLength)
            {
                break; // Possible frame start: wait for the rest.
            }

            var frame = input.Slice(pos, FrameLength);
            junk.Flush(sink, "bytes skipped before a Nonin frame");
            if ((byte)(frame[0] + frame[1] + frame[2] + frame[3]) != frame[4])
            {
                // Resync one byte after the bad frame start; any packet in progress is lost.
                sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Checksum, 1, "Nonin frame checksum mismatch"));
                _frameIndex = -1;
                pos++;
                continue;
            }

            OnFrame(_df7 ? frame[0] : frame[1], frame[3], receivedAt, sink);
            pos += FrameLength;
        }

        junk.Flush(sink, "bytes skipped before a Nonin frame");
        return pos;
    }

    // DF2: byte1 0x01 then STATUS with bit7 set; DF7: STATUS with bit7 set. Partial candidates count as starts.
    private bool IsFrameStart(ReadOnlySpan<byte> rest) =>
        _df7 ? (rest[0] & 0x80) != 0 : rest[0] == 0x01 && (rest.Length < 2 || (rest[1] & 0x80) != 0);

    private void OnFrame(byte status, byte value, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        if ((status & 0x01) != 0)
        {
            if (_frameIndex > 0)
            {
                sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Truncated, 0, "Nonin packet cut short by a new SYNC frame"));
            }

            _frameIndex = 0;
            _packetFlags = ObservationFlags.None;
        }
        else if (_frameIndex < 0)
        {
            return; // Not yet aligned to a packet.
        }

        _packetFlags |= NoninStatusBits.FromPacketStatus(status);
        _values[_frameIndex++] = value;
        if (_frameIndex < FramesPerPacket)
        {
            return;
        }

        _frameIndex = -1; // The next packet must start with SYNC.
        EmitPacket(receivedAt, sink);
    }

    private void EmitPacket(DateTimeOffset receivedAt, IDecodeSink sink)
    {
        var flags = _packetFlags | NoninStatusBits.FromStat2(_values[7]);
        _edges.Update(flags & ~ObservationFlags.SmartPoint, receivedAt, sink);

        // ⚠ DF7 HR packing: mdpnp combines whole bytes; we use the DF2 7-bit packing (unconfirmed; docs/devices.md).
        var hr = ((_values[0] & 0x03) << 7) | (_values[1] & 0x7F);
        var spo2 = _values[2] & 0x7F;
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.PulseRate, hr == MissingHr ? double.NaN : hr, flags, receivedAt));
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.Spo2, spo2 == MissingSpo2 ? double.NaN : spo2, flags, receivedAt));
    }
}

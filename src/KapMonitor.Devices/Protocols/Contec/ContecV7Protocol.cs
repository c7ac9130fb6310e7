using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;

namespace KapMonitor.Devices.Protocols.Contec;

/// <summary>
/// Contec CMS50D+ v4.6 / CMS50E "Communication Protocol V7.0" (reverse-engineered: timegrid/CMS50Dplus7, tobac/cms50ew):
/// packets are <c>type (bit7 0) | hi (bit7 1) | data… (bit7 1)</c>; data bit7 is restored from <c>hi</c>.
/// Real-time packets (type 0x01, 7 data bytes, 60/s) give pulse rate, SpO2 and PI; type 0x0D announces a
/// disconnect; other types (stored data, command replies) are framed and ignored. Every packet is 9 bytes.
/// The host starts streaming on open, sends a keep-alive at most every 4 s, and sends the start command
/// again when real-time data stop for 6 s on an open link.
/// </summary>
public sealed class ContecV7Protocol : IDeviceProtocol
{
    private const byte TypeRealtime = 0x01;
    private const byte TypeDisconnect = 0x0D;
    private const int PacketLength = 9;
    private static readonly TimeSpan s_keepAlivePeriod = TimeSpan.FromSeconds(4);

    // The device streams 60 packets/s; 6 s of silence on an open link means it stopped streaming (missed
    // keep-alives, a button press, a stall). Keep-alives do not restart it: the start command does.
    private static readonly TimeSpan s_restartAfterSilence = TimeSpan.FromSeconds(6);

    private readonly string _deviceId;
    private readonly StatusEdgeTracker _edges;
    private readonly ReadingThrottle _throttle;
    private readonly byte[] _data = new byte[PacketLength];
    private TimeSpan _lastKeepAlive;
    private TimeSpan _lastData;
    private TimeSpan _lastStart;
    private bool _dataSinceLastTick;

    /// <summary>Creates a decoder for one device link; <c>protocolOptions.emitEveryPackets</c> tunes the thinning.</summary>
    public ContecV7Protocol(ProtocolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _deviceId = context.DeviceId;
        _edges = new StatusEdgeTracker(context.DeviceId);
        _throttle = new ReadingThrottle(ReadingThrottle.ReadEvery(context.Options, "contec-v7", 60));
    }

    /// <inheritdoc />
    public string ProtocolId => "contec-v7";

    /// <summary>Once per second, so a keep-alive due every 4 s is never later than 5 s.</summary>
    public TimeSpan? TickInterval => TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public int WriteCommands(in ProtocolTick tick, Span<byte> output)
    {
        if (tick.JustOpened)
        {
            _lastKeepAlive = _lastData = _lastStart = tick.SinceOpen;
            _dataSinceLastTick = false;
            return ContecCommands.Encode(ContecCommands.StartRealtime, output);
        }

        // WriteCommands runs after every Decode, so real-time data are timed on the link's own clock.
        if (_dataSinceLastTick)
        {
            _dataSinceLastTick = false;
            _lastData = tick.SinceOpen;
        }

        if (tick.SinceOpen - _lastData >= s_restartAfterSilence && tick.SinceOpen - _lastStart >= s_restartAfterSilence)
        {
            _lastStart = _lastKeepAlive = tick.SinceOpen;
            return ContecCommands.Encode(ContecCommands.StartRealtime, output);
        }

        if (tick.SinceOpen - _lastKeepAlive < s_keepAlivePeriod)
        {
            return 0;
        }

        var written = ContecCommands.Encode(ContecCommands.KeepAlive, output);
        if (written > 0)
        {
            _lastKeepAlive = tick.SinceOpen;
        }

        return written;
    }

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> input, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var junk = default(JunkCounter);
        var pos = 0;
        while (pos < input.Length)
        {
            var rest = input[pos..];
            if ((rest[0] & 0x80) != 0)
            {
                junk.Add(); // Only a type byte (bit7 clear) can start a packet.
                pos++;
                continue;
            }

            // A packet is 9 bytes; one cut short ends at the next byte with bit7 clear (the next type byte).
            var next = rest[1..Math.Min(rest.Length, PacketLength)].IndexOfAnyInRange((byte)0x00, (byte)0x7F);
            int length;
            if (next >= 0)
            {
                length = next + 1;
            }
            else if (rest.Length >= PacketLength)
            {
                length = PacketLength;
            }
            else
            {
                break; // Incomplete packet: wait for more bytes.
            }

            if (length < 2)
            {
                junk.Add(); // A lone type byte.
                pos++;
                continue;
            }

            if (length < PacketLength)
            {
                junk.Flush(sink, "bytes skipped before a Contec packet");
                sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Truncated, length, "Contec packet cut short"));
                pos += length;
                continue;
            }

            junk.Flush(sink, "bytes skipped before a Contec packet");
            OnPacket(rest[..length], receivedAt, sink);
            pos += length;
        }

        junk.Flush(sink, "bytes skipped before a Contec packet");
        return pos;
    }

    private void OnPacket(ReadOnlySpan<byte> packet, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        // Restore bit7 of each data byte from the hi byte (bit i = MSB of data byte i).
        var hi = packet[1];
        var count = packet.Length - 2;
        for (var i = 0; i < count; i++)
        {
            _data[i] = (byte)((packet[i + 2] & 0x7F) | (((hi >> i) & 1) << 7));
        }

        switch (packet[0])
        {
            case TypeRealtime:
                _dataSinceLastTick = true;
                OnRealtime(receivedAt, sink);
                break;
            case TypeDisconnect:
                sink.OnStatus(new DeviceStatusEvent(_deviceId, DeviceCondition.Disconnected, true, receivedAt, count > 0 ? _data[0] : 0, "device announced disconnect"));
                break;
            default:
                break; // Stored-data and command replies are not used.
        }
    }

    private void OnRealtime(DateTimeOffset receivedAt, IDecodeSink sink)
    {
        var flags = ObservationFlags.None;
        if ((_data[0] & 0x80) != 0)
        {
            flags |= ObservationFlags.ProbeOff; // probe error / finger out
        }

        if ((_data[0] & 0x10) != 0 || (_data[1] & 0x80) != 0)
        {
            flags |= ObservationFlags.Searching; // searching too long / searching pulse
        }

        _edges.Update(flags, receivedAt, sink);
        double pulse = _data[3] == 0xFF ? double.NaN : _data[3];
        double spo2 = _data[4] == 0x7F ? double.NaN : _data[4];
        var rawPi = _data[5] | (_data[6] << 8);

        // ⚠ PI unit: read as hundredths of a percent; d2 bit4 says whether PI is valid.
        double pi = rawPi == 0xFFFF || (_data[2] & 0x10) == 0 ? double.NaN : rawPi / 100.0;
        if (!_throttle.ShouldEmit(pulse, spo2, pi, flags))
        {
            return;
        }

        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.PulseRate, pulse, flags, receivedAt));
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.Spo2, spo2, flags, receivedAt));
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.PerfusionIndex, pi, flags, receivedAt));
    }
}

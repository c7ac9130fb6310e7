using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Encoders;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Devices;

/// <summary>
/// A Nonin oximeter (OEM III / 3150 / 9560 family) streaming data format #2, #7, #8 or #13 and answering
/// the set-format command <c>02 70 02 02 fmt 03</c> (or the long form) with ACK 06 / NAK 15
/// (mattjlewis/NoninPulseOx, mdpnp/mdpnp).
/// </summary>
public sealed class NoninOximeterDevice : SimulatedDevice
{
    /// <summary>Seconds between DF13 spot-check records (ours: the real device sends one per spot check).</summary>
    public const int Df13IntervalSeconds = 10;

    private const byte Ack = 0x06;
    private const byte Nak = 0x15;
    private readonly bool _pleth;
    private readonly List<byte> _command = [];
    private FrameClock _clock;
    private PlethGenerator _plethGenerator;
    private OximeterReading _packetReading;

    /// <summary>Creates the device streaming <paramref name="format"/> (2, 7, 8 or 13).</summary>
    public NoninOximeterDevice(SimulatedSession session, ISimulatorOutput output, int format, bool pleth = true)
        : base(session, output)
    {
        if (!IsSupported(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Nonin data format must be 2, 7, 8 or 13.");
        }

        _pleth = pleth;
        _plethGenerator = new PlethGenerator(pleth);
        Format = format;
        _clock = new FrameClock(RateOf(format));
    }

    /// <summary>The data format being streamed.</summary>
    public int Format { get; private set; }

    /// <inheritdoc />
    public override string ProtocolId => "nonin-df" + Format.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override ScenarioTarget Kind => ScenarioTarget.Oximeter;

    /// <inheritdoc />
    protected override void Produce(TimeSpan now)
    {
        while (_clock.TryTake(now, out var k))
        {
            var t = _clock.TimeOf(k);
            switch (Format)
            {
                case 2 or 7:
                    var frameIndex = (int)(k % NoninPacketValues.FramesPerPacket);
                    if (frameIndex == 0)
                    {
                        // Values are sampled once per packet (3 packets/s), as the device updates them.
                        _packetReading = Session.ReadOximeter(t);
                    }

                    var pleth = _plethGenerator.Next(_packetReading, NoninDf2Encoder.FramesPerSecond);
                    var timer = (long)t.TotalSeconds;
                    Commit(Format == 2
                        ? NoninDf2Encoder.WriteFrame(Reserve(NoninDf2Encoder.FrameSize), frameIndex, _packetReading, pleth, timer)
                        : NoninDf7Encoder.WriteFrame(Reserve(NoninDf7Encoder.FrameSize), frameIndex, _packetReading, (ushort)(pleth << 8 | pleth), timer));
                    break;
                case 8:
                    Commit(NoninDf8Encoder.Write(Reserve(NoninDf8Encoder.RecordSize), Session.ReadOximeter(t)));
                    break;
                default:
                    Commit(NoninDf13Encoder.Write(Reserve(NoninDf13Encoder.RecordSize), Session.ReadOximeter(t), Session.DeviceTime(t)));
                    break;
            }
        }
    }

    /// <inheritdoc />
    protected override void SkipTo(TimeSpan now) => AlignToPacket(now);

    /// <inheritdoc />
    protected override void OnReceived(ReadOnlySpan<byte> data, TimeSpan now)
    {
        foreach (var b in data)
        {
            _command.Add(b);
        }

        while (TryTakeCommand(out var reply, out var newFormat))
        {
            Send([reply]);
            if (newFormat is { } f && f != Format)
            {
                Format = f;
                _clock = new FrameClock(RateOf(f));
                _plethGenerator = new PlethGenerator(_pleth);
                AlignToPacket(now);
            }
        }
    }

    private static bool IsSupported(int format) => format is 2 or 7 or 8 or 13;

    private static double RateOf(int format) => format switch
    {
        2 or 7 => NoninDf2Encoder.FramesPerSecond,
        8 => 1,
        _ => 1.0 / Df13IntervalSeconds,
    };

    /// <summary>Restart so the next frame is the first of a packet (SYNC) due after <paramref name="now"/>.</summary>
    private void AlignToPacket(TimeSpan now)
    {
        _clock.SkipTo(now);
        if (Format is 2 or 7)
        {
            _clock.AlignTo(NoninPacketValues.FramesPerPacket);
        }
    }

    /// <summary>Parses one <c>STX op len data ETX</c> command from the buffer, if complete.</summary>
    private bool TryTakeCommand(out byte reply, out int? newFormat)
    {
        reply = Nak;
        newFormat = null;
        var start = _command.IndexOf(0x02);
        if (start < 0)
        {
            _command.Clear();
            return false;
        }

        _command.RemoveRange(0, start);
        if (_command.Count < 3)
        {
            return false;
        }

        var op = _command[1];
        var length = _command[2];
        var total = 3 + length + 1;
        if (_command.Count < total)
        {
            return false;
        }

        var valid = _command[total - 1] == 0x03;
        if (valid && op == 0x70 && length is 2 or 4 && _command[3] == 0x02 && IsSupported(_command[4]))
        {
            if (length == 4)
            {
                var checksum = (byte)(0x70 + 0x04 + 0x02 + _command[4] + _command[5]);
                valid = _command[6] == checksum;
            }

            if (valid)
            {
                reply = Ack;
                newFormat = _command[4];
            }
        }

        _command.RemoveRange(0, total);
        return true;
    }
}

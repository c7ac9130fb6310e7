using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Encoders;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Devices;

/// <summary>
/// A Contec CMS50D+ 4.6 / CMS50E (protocol V7.0: timegrid/CMS50Dplus7, tobac/cms50ew): silent until the host sends
/// start-realtime (<c>7D 81 A1 80…</c>), then 9-byte realtime packets at 60/s; stops on stop-realtime
/// (0xA2) or when no keep-alive (0xAF) arrived for <see cref="KeepAliveTimeout"/>.
/// </summary>
public sealed class ContecV7OximeterDevice(SimulatedSession session, ISimulatorOutput output, bool pleth = true) : SimulatedDevice(session, output)
{
    /// <summary>Streaming stops after this long without a keep-alive (ours, within the 5-10 s the sources imply).</summary>
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(8);

    private const byte StartRealtime = 0xA1;
    private const byte StopRealtime = 0xA2;
    private const byte KeepAlive = 0xAF;
    private readonly List<byte> _command = [];
    private FrameClock _clock = new(ContecV7Encoder.PacketsPerSecond);
    private PlethGenerator _pleth = new(pleth);
    private OximeterReading _reading;
    private TimeSpan _lastKeepAlive;

    /// <summary>True while streaming realtime data.</summary>
    public bool Streaming { get; private set; }

    /// <inheritdoc />
    public override string ProtocolId => "contec-v7";

    /// <inheritdoc />
    public override ScenarioTarget Kind => ScenarioTarget.Oximeter;

    /// <inheritdoc />
    protected override void Produce(TimeSpan now)
    {
        if (Streaming && now - _lastKeepAlive > KeepAliveTimeout)
        {
            Streaming = false;
        }

        if (!Streaming)
        {
            _clock.SkipTo(now);
            return;
        }

        while (_clock.TryTake(now, out var k))
        {
            if (k % 20 == 0)
            {
                _reading = Session.ReadOximeter(_clock.TimeOf(k));
            }

            var sample = _pleth.Next(_reading, ContecV7Encoder.PacketsPerSecond);
            Commit(ContecV7Encoder.WriteRealtime(Reserve(ContecV7Encoder.PacketSize), _reading, sample, _pleth.Beat));
        }
    }

    /// <inheritdoc />
    protected override void SkipTo(TimeSpan now) => _clock.SkipTo(now);

    /// <inheritdoc />
    protected override void OnAttachmentChanged(bool attached, TimeSpan now)
    {
        // A re-plugged device starts silent again, waiting for the host's start command.
        Streaming = false;
        _command.Clear();
    }

    /// <inheritdoc />
    protected override void OnReceived(ReadOnlySpan<byte> data, TimeSpan now)
    {
        foreach (var b in data)
        {
            _command.Add(b);
        }

        Span<byte> packet = stackalloc byte[ContecV7Encoder.PacketSize];
        Span<byte> raw = stackalloc byte[7];
        while (true)
        {
            // A packet starts at a byte with bit 7 clear and continues with 8 bytes with bit 7 set.
            var start = _command.FindIndex(b => b < 0x80);
            if (start < 0)
            {
                _command.Clear();
                return;
            }

            _command.RemoveRange(0, start);
            if (_command.Count < ContecV7Encoder.PacketSize)
            {
                return;
            }

            var broken = _command.FindIndex(1, ContecV7Encoder.PacketSize - 1, b => b < 0x80);
            if (broken > 0)
            {
                _command.RemoveRange(0, broken);
                continue;
            }

            for (var i = 0; i < packet.Length; i++)
            {
                packet[i] = _command[i];
            }

            _command.RemoveRange(0, ContecV7Encoder.PacketSize);
            if (packet[0] != ContecV7Encoder.CommandType)
            {
                continue;
            }

            ContecV7Encoder.ReadData(packet, raw);
            switch (raw[0])
            {
                case StartRealtime:
                    if (!Streaming)
                    {
                        Streaming = true;
                        _clock.SkipTo(now);
                        _clock.AlignTo(20);
                    }

                    _lastKeepAlive = now;
                    break;
                case StopRealtime:
                    Streaming = false;
                    break;
                case KeepAlive:
                    _lastKeepAlive = now;
                    break;
            }
        }
    }
}

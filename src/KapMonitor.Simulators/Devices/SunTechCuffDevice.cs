using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Encoders;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Devices;

/// <summary>
/// A SunTech Advantage OEM NIBP module (ak-git/DesktopFX, 519984307/Appciton). Host-driven: start (<c>3A 20 A6</c>) → 'O';
/// cuff-pressure polls (<c>3A 79 05 00 48</c>) answered while the cycle runs; unsolicited 'K' when the
/// cycle ends; BP data (<c>3A 79 03 00 4A</c>) carries the result and error code; abort → 'A';
/// start while busy → 'B'; bad checksum → 'N'; unknown command → 'D'.
/// </summary>
public sealed class SunTechCuffDevice : SimulatedDevice
{
    private readonly List<byte> _command = [];
    private readonly NibpModel _nibp;
    private NibpResult _lastResult;
    private bool _reportPending;

    /// <summary>Creates the module.</summary>
    public SunTechCuffDevice(SimulatedSession session, ISimulatorOutput output)
        : base(session, output)
    {
        _nibp = new NibpModel(session.Physiology, session.Scenario, session.Seed);
        if (session.Scenario.CuffOnOximeterArm)
        {
            session.SameArmCuff = _nibp;
        }
    }

    /// <summary>The cuff model (for tests and the same-arm coupling).</summary>
    public NibpModel Nibp => _nibp;

    /// <inheritdoc />
    public override string ProtocolId => "suntech-advantage";

    /// <inheritdoc />
    public override ScenarioTarget Kind => ScenarioTarget.Cuff;

    /// <inheritdoc />
    public override TimeSpan TickInterval => TimeSpan.FromMilliseconds(50);

    /// <inheritdoc />
    protected override void Produce(TimeSpan now)
    {
        if (_reportPending && _nibp.Current is { } cycle && cycle.IsComplete(now))
        {
            _reportPending = false;
            _lastResult = cycle.Result;
            Commit(SunTechEncoder.WriteStatus(Reserve(4), SunTechEncoder.StatusDone));
        }
    }

    /// <inheritdoc />
    protected override void SkipTo(TimeSpan now)
    {
    }

    /// <inheritdoc />
    protected override void OnAttachmentChanged(bool attached, TimeSpan now)
    {
        // Losing power mid-cycle dumps the cuff; the result is lost.
        _nibp.Abort();
        _reportPending = false;
        _command.Clear();
    }

    /// <inheritdoc />
    protected override void OnReceived(ReadOnlySpan<byte> data, TimeSpan now)
    {
        foreach (var b in data)
        {
            _command.Add(b);
        }

        while (true)
        {
            var start = _command.IndexOf(0x3A);
            if (start < 0)
            {
                _command.Clear();
                return;
            }

            _command.RemoveRange(0, start);
            if (_command.Count < 2)
            {
                return;
            }

            var length = CommandLength(_command[1]);
            if (length == 0)
            {
                _command.RemoveRange(0, 2);
                Commit(SunTechEncoder.WriteStatus(Reserve(4), SunTechEncoder.StatusUnrecognized));
                continue;
            }

            if (_command.Count < length)
            {
                return;
            }

            var sum = 0;
            for (var i = 0; i < length; i++)
            {
                sum += _command[i];
            }

            var cmd = _command[1];
            var arg = length >= 3 ? _command[2] : (byte)0;
            _command.RemoveRange(0, length);
            if ((sum & 0xFF) != 0)
            {
                Commit(SunTechEncoder.WriteStatus(Reserve(4), SunTechEncoder.StatusInvalid));
                continue;
            }

            Execute(cmd, arg, now);
        }
    }

    private void Execute(byte cmd, byte arg, TimeSpan now)
    {
        switch (cmd)
        {
            case 0x20 or 0x87 or 0x28:
                if (_nibp.TryStart(now))
                {
                    _reportPending = true;
                    Commit(SunTechEncoder.WriteStatus(Reserve(4), SunTechEncoder.StatusReceived));
                }
                else
                {
                    Commit(SunTechEncoder.WriteStatus(Reserve(4), SunTechEncoder.StatusBusy));
                }

                break;
            case 0x79 when arg == 0x05:
                Commit(SunTechEncoder.WriteCuffPressure(Reserve(5), (int)Math.Round(_nibp.CuffPressure(now))));
                break;
            case 0x79 when arg == 0x03:
                Commit(SunTechEncoder.WriteBpData(Reserve(SunTechEncoder.BpDataSize), _lastResult));
                break;
            case 0x79 when arg == 0x01:
                _nibp.Abort();
                _reportPending = false;
                Commit(SunTechEncoder.WriteStatus(Reserve(4), SunTechEncoder.StatusAborted));
                break;
            case 0x8A:
                _nibp.Abort();
                _reportPending = false;
                Commit(SunTechEncoder.WriteStatus(Reserve(4), SunTechEncoder.StatusReceived));
                break;
            case 0x17 or 0x0C:
                Commit(SunTechEncoder.WriteStatus(Reserve(4), SunTechEncoder.StatusReceived));
                break;
            default:
                Commit(SunTechEncoder.WriteStatus(Reserve(4), SunTechEncoder.StatusInvalid));
                break;
        }
    }

    /// <summary>Total length (with 3A and CHK) of a host command, or 0 for an unknown command (ak-git/DesktopFX, Appciton).</summary>
    private static int CommandLength(byte cmd) => cmd switch
    {
        0x20 or 0x87 or 0x28 or 0x8A => 3,
        0x79 or 0x17 => 5,
        0x0C => 6,
        _ => 0,
    };
}

using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Encoders;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Devices;

/// <summary>A Contec CMS50D+ with legacy firmware: streams 5-byte live packets at 60/s from power-on (atbrask/CMS50Dplus).</summary>
public sealed class ContecLegacyOximeterDevice(SimulatedSession session, ISimulatorOutput output, bool pleth = true) : SimulatedDevice(session, output)
{
    private FrameClock _clock = new(ContecLegacyEncoder.PacketsPerSecond);
    private PlethGenerator _pleth = new(pleth);
    private OximeterReading _reading;

    /// <inheritdoc />
    public override string ProtocolId => "contec-legacy";

    /// <inheritdoc />
    public override ScenarioTarget Kind => ScenarioTarget.Oximeter;

    /// <inheritdoc />
    protected override void Produce(TimeSpan now)
    {
        while (_clock.TryTake(now, out var k))
        {
            if (k % 20 == 0)
            {
                // The display values refresh a few times a second, not every packet.
                _reading = Session.ReadOximeter(_clock.TimeOf(k));
            }

            var sample = _pleth.Next(_reading, ContecLegacyEncoder.PacketsPerSecond);
            Commit(ContecLegacyEncoder.Write(Reserve(ContecLegacyEncoder.PacketSize), _reading, sample, _pleth.Beat));
        }
    }

    /// <inheritdoc />
    protected override void SkipTo(TimeSpan now)
    {
        _clock.SkipTo(now);
        _clock.AlignTo(20);
    }
}

using KapMonitor.Simulators.Encoders;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Devices;

/// <summary>A Masimo Radical-7 in ASCII 1 mode: one line per second (mdpnp/mdpnp Radical driver); output only.</summary>
public sealed class MasimoOximeterDevice(SimulatedSession session, ISimulatorOutput output) : SimulatedDevice(session, output)
{
    private FrameClock _clock = new(1);

    /// <inheritdoc />
    public override string ProtocolId => "masimo-ascii";

    /// <inheritdoc />
    public override ScenarioTarget Kind => ScenarioTarget.Oximeter;

    /// <inheritdoc />
    protected override void Produce(TimeSpan now)
    {
        while (_clock.TryTake(now, out var k))
        {
            var t = _clock.TimeOf(k);
            Commit(MasimoAsciiEncoder.Write(Reserve(MasimoAsciiEncoder.MaxLineLength), Session.ReadOximeter(t), Session.DeviceTime(t)));
        }
    }

    /// <inheritdoc />
    protected override void SkipTo(TimeSpan now) => _clock.SkipTo(now);
}

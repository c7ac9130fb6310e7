using KapMonitor.Devices.Protocols.Ble;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Devices;

/// <summary>
/// A Bluetooth heart-rate strap (Bluetooth SIG Heart Rate service 0x180D): one Heart Rate Measurement (0x2A37) per second
/// with sensor contact and the RR interval of the current rate. The strap is an "oximeter-side" sensor for
/// scenario events: a probe-off or sensor-off window reads as no skin contact.
/// </summary>
public sealed class BleHeartRateDevice(SimulatedSession session, IGattSimulatorOutput output) : SimulatedDevice(session, output)
{
    /// <summary>Heart Rate Measurement.</summary>
    public const ushort MeasurementCharacteristic = 0x2A37;

    private readonly byte[] _value = new byte[8];
    private FrameClock _clock = new(1);

    /// <inheritdoc />
    public override string ProtocolId => HeartRateProtocol.Id;

    /// <inheritdoc />
    public override ScenarioTarget Kind => ScenarioTarget.Oximeter;

    /// <inheritdoc />
    protected override void Produce(TimeSpan now)
    {
        while (_clock.TryTake(now, out var k))
        {
            var t = _clock.TimeOf(k);
            var n = BleEncoders.Write(_value, ToMeasurement(Session.Physiology.Sample(t).HeartRate, !LostContact(t)));
            output.Notify(MeasurementCharacteristic, _value.AsSpan(0, n));
        }
    }

    /// <inheritdoc />
    protected override void SkipTo(TimeSpan now) => _clock.SkipTo(now);

    /// <summary>The measurement for <paramref name="heartRate"/>; without contact the strap reports 0 bpm and no RR.</summary>
    public static HeartRateMeasurement ToMeasurement(double heartRate, bool inContact)
    {
        if (!inContact)
        {
            return new HeartRateMeasurement(0, SensorContact: HeartRateSensorContact.NoContact);
        }

        var bpm = (ushort)Math.Round(heartRate);
        var rr = (ushort)Math.Round(60.0 / Math.Max(1, heartRate) * 1024);
        return new HeartRateMeasurement(bpm, SensorContact: HeartRateSensorContact.InContact, RrIntervals: new[] { rr });
    }

    private bool LostContact(TimeSpan t)
    {
        foreach (var e in Session.Scenario.Events)
        {
            if (e.Kind is ScenarioEventKind.ProbeOff or ScenarioEventKind.SensorDisconnected && e.Applies(Kind) && e.IsActiveAt(t))
            {
                return true;
            }
        }

        return false;
    }
}

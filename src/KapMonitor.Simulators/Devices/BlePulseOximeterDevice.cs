using KapMonitor.Devices.Protocols.Ble;
using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Devices;

/// <summary>
/// A Bluetooth pulse oximeter (Bluetooth SIG Pulse Oximeter Service 0x1822): one PLX Continuous Measurement (0x2A5F) per
/// second with Device and Sensor Status and Pulse Amplitude Index. Payloads come from the BLE team's encoders.
/// </summary>
public sealed class BlePulseOximeterDevice(SimulatedSession session, IGattSimulatorOutput output) : SimulatedDevice(session, output)
{
    /// <summary>PLX Continuous Measurement.</summary>
    public const ushort ContinuousCharacteristic = 0x2A5F;

    private readonly byte[] _value = new byte[PlxContinuousMeasurement.MaxSize];
    private FrameClock _clock = new(1);

    /// <inheritdoc />
    public override string ProtocolId => PlxContinuousProtocol.Id;

    /// <inheritdoc />
    public override ScenarioTarget Kind => ScenarioTarget.Oximeter;

    /// <inheritdoc />
    protected override void Produce(TimeSpan now)
    {
        while (_clock.TryTake(now, out var k))
        {
            var n = BleEncoders.Write(_value, ToMeasurement(Session.ReadOximeter(_clock.TimeOf(k))));
            output.Notify(ContinuousCharacteristic, _value.AsSpan(0, n));
        }
    }

    /// <inheritdoc />
    protected override void SkipTo(TimeSpan now) => _clock.SkipTo(now);

    /// <summary>Maps a reading to PLXS fields: missing numbers are NaN, technical states go to Device and Sensor Status.</summary>
    public static PlxContinuousMeasurement ToMeasurement(in OximeterReading reading)
    {
        var status = PlxDeviceAndSensorStatus.None;
        var s = reading.Status;
        if ((s & OximeterStatus.ProbeOff) != 0)
        {
            status |= PlxDeviceAndSensorStatus.SensorUnconnectedToUser;
        }

        if ((s & OximeterStatus.SensorDisconnected) != 0)
        {
            status |= PlxDeviceAndSensorStatus.SensorDisconnected;
        }

        if ((s & OximeterStatus.Artifact) != 0)
        {
            status |= PlxDeviceAndSensorStatus.ErraticSignal;
        }

        if ((s & OximeterStatus.LowPerfusion) != 0)
        {
            status |= PlxDeviceAndSensorStatus.LowPerfusion;
        }

        if ((s & OximeterStatus.Searching) != 0)
        {
            status |= PlxDeviceAndSensorStatus.SignalAnalysisOngoing;
        }

        var spo2 = reading.Spo2 is { } v ? Sfloat.FromInteger(v) : Sfloat.NaN;
        var pr = reading.PulseRate is { } p ? Sfloat.FromInteger(p) : Sfloat.NaN;
        var pai = reading.PerfusionIndex is { } i ? Sfloat.FromValue(i, -2) : (Sfloat?)null;
        return new PlxContinuousMeasurement(new PlxReading(spo2, pr), DeviceAndSensorStatus: status, PulseAmplitudeIndex: pai);
    }
}

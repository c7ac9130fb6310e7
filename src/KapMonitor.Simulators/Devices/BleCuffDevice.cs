using KapMonitor.Devices.Protocols.Ble;
using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Devices;

/// <summary>
/// A Bluetooth cuff (Bluetooth SIG Blood Pressure service 0x1810) that measures on its own schedule
/// (the scenario's <c>bloodPressure.cadence</c>): Intermediate Cuff Pressure (0x2A36) every 500 ms while a
/// cycle runs, then one Blood Pressure Measurement (0x2A35) with time stamp, pulse rate and status.
/// Payloads come from the BLE team's encoders.
/// </summary>
public sealed class BleCuffDevice : SimulatedDevice
{
    /// <summary>Blood Pressure Measurement.</summary>
    public const ushort MeasurementCharacteristic = 0x2A35;

    /// <summary>Intermediate Cuff Pressure.</summary>
    public const ushort IntermediateCharacteristic = 0x2A36;

    private static readonly TimeSpan s_intermediatePeriod = TimeSpan.FromMilliseconds(500);
    private readonly IGattSimulatorOutput _gatt;
    private readonly byte[] _value = new byte[BloodPressureMeasurement.MaxSize];
    private TimeSpan? _nextCycle;
    private TimeSpan _nextIntermediate;
    private bool _reportPending;

    /// <summary>Creates the cuff.</summary>
    public BleCuffDevice(SimulatedSession session, IGattSimulatorOutput output)
        : base(session, output)
    {
        _gatt = output;
        Nibp = new NibpModel(session.Physiology, session.Scenario, session.Seed);
        if (session.Scenario.CuffOnOximeterArm)
        {
            session.SameArmCuff = Nibp;
        }
    }

    /// <summary>The cuff model.</summary>
    public NibpModel Nibp { get; }

    /// <inheritdoc />
    public override string ProtocolId => BloodPressureMeasurementProtocol.Id;

    /// <inheritdoc />
    public override ScenarioTarget Kind => ScenarioTarget.Cuff;

    /// <inheritdoc />
    protected override void Produce(TimeSpan now)
    {
        _nextCycle ??= Session.Scenario.NextCadenceStart(now);
        if (_nextCycle is { } due && now >= due && Nibp.TryStart(due))
        {
            _reportPending = true;
            _nextIntermediate = due;
            _nextCycle = Session.Scenario.NextCadenceStart(due + TimeSpan.FromTicks(1));
        }

        if (!_reportPending || Nibp.Current is not { } cycle)
        {
            return;
        }

        while (_nextIntermediate <= now && _nextIntermediate < cycle.End)
        {
            var pressure = (int)Math.Round(cycle.CuffPressure(_nextIntermediate));
            var n = BleEncoders.Write(_value, BloodPressureMeasurement.IntermediateCuff(Sfloat.FromInteger(pressure)));
            _gatt.Notify(IntermediateCharacteristic, _value.AsSpan(0, n));
            _nextIntermediate += s_intermediatePeriod;
        }

        if (cycle.IsComplete(now))
        {
            _reportPending = false;
            var n = BleEncoders.Write(_value, ToMeasurement(cycle.Result, Session.DeviceTime(cycle.End)));
            _gatt.Notify(MeasurementCharacteristic, _value.AsSpan(0, n));
        }
    }

    /// <inheritdoc />
    protected override void SkipTo(TimeSpan now) => _nextCycle = null;

    /// <inheritdoc />
    protected override void OnAttachmentChanged(bool attached, TimeSpan now)
    {
        Nibp.Abort();
        _reportPending = false;
    }

    /// <summary>
    /// A failed cycle still indicates a measurement, with NaN pressures and the BLS status bits that
    /// explain it (body movement, cuff too loose), as BLS cuffs do when they cannot determine a value.
    /// </summary>
    public static BloodPressureMeasurement ToMeasurement(in NibpResult result, DateTime deviceTime)
    {
        var stamp = GattDateTime.FromDateTime(deviceTime);
        if (result.Succeeded)
        {
            return new BloodPressureMeasurement(
                BloodPressureUnit.MillimetreOfMercury,
                Sfloat.FromInteger(result.Systolic),
                Sfloat.FromInteger(result.Diastolic),
                Sfloat.FromInteger(result.MeanArterial),
                stamp,
                Sfloat.FromInteger(result.HeartRate),
                null,
                BloodPressureMeasurementStatus.None);
        }

        var status = result.Fault switch
        {
            NibpFault.Motion => BloodPressureMeasurementStatus.BodyMovement,
            NibpFault.LooseCuff => BloodPressureMeasurementStatus.CuffTooLoose,
            _ => BloodPressureMeasurementStatus.None,
        };
        return new BloodPressureMeasurement(BloodPressureUnit.MillimetreOfMercury, Sfloat.NaN, Sfloat.NaN, Sfloat.NaN, stamp, null, null, status);
    }
}

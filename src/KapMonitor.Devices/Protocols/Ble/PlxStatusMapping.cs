using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// PLX Measurement Status and Device and Sensor Status (PLXS v1.0) → observation flags, validity and the
/// device conditions whose edges are reported. Rules:
/// <list type="bullet">
/// <item>Measurement ongoing / early estimate → EarlyEstimate, Questionable. Data from storage → FromMemory.
/// Demonstration / testing data → DemoData, Questionable (synthetic numbers must not drive alarms).
/// Questionable measurement → Questionable. Measurement unavailable / invalid → Invalid. Validated, fully
/// qualified and calibration-ongoing carry no extra meaning here.</item>
/// <item>Sensor unconnected to user / displaced → ProbeOff, Invalid. Sensor disconnected → SensorDisconnected,
/// Invalid. Equipment malfunction / sensor malfunctioning / unknown sensor → SensorFault, Invalid.</item>
/// <item>Low perfusion → LowPerfusion; erratic signal / signal-processing irregularity → Artifact; inadequate,
/// poor or nonpulsatile signal → PoorSignal; interference → Interference; signal analysis ongoing → Searching;
/// questionable pulse → no flag. All Questionable. Extended display update ongoing is ignored.</item>
/// </list>
/// </summary>
internal static class PlxStatusMapping
{
    private const PlxMeasurementStatus EarlyBits = PlxMeasurementStatus.MeasurementOngoing | PlxMeasurementStatus.EarlyEstimatedData;
    private const PlxMeasurementStatus DemoBits = PlxMeasurementStatus.DataForDemonstration | PlxMeasurementStatus.DataForTesting;
    private const PlxMeasurementStatus InvalidBits = PlxMeasurementStatus.MeasurementUnavailable | PlxMeasurementStatus.InvalidMeasurementDetected;

    public static void Map(
        PlxMeasurementStatus? measurementStatus,
        PlxDeviceAndSensorStatus? deviceStatus,
        out ObservationFlags flags,
        out Validity validity,
        out uint conditions)
    {
        flags = ObservationFlags.None;
        validity = Validity.Valid;
        conditions = 0;

        if (measurementStatus is { } ms)
        {
            if ((ms & EarlyBits) != 0)
            {
                Add(ref flags, ref validity, ObservationFlags.EarlyEstimate, Validity.Questionable);
            }

            if ((ms & PlxMeasurementStatus.DataFromMeasurementStorage) != 0)
            {
                flags |= ObservationFlags.FromMemory;
            }

            if ((ms & DemoBits) != 0)
            {
                Add(ref flags, ref validity, ObservationFlags.DemoData, Validity.Questionable);
            }

            if ((ms & PlxMeasurementStatus.QuestionableMeasurementDetected) != 0)
            {
                validity = GattObservations.Worst(validity, Validity.Questionable);
            }

            if ((ms & InvalidBits) != 0)
            {
                validity = Validity.Invalid;
            }
        }

        if (deviceStatus is not { } ds)
        {
            return;
        }

        Check(ds, PlxDeviceAndSensorStatus.SensorUnconnectedToUser | PlxDeviceAndSensorStatus.SensorDisplaced,
            ObservationFlags.ProbeOff, Validity.Invalid, DeviceCondition.ProbeOff, ref flags, ref validity, ref conditions);
        Check(ds, PlxDeviceAndSensorStatus.SensorDisconnected,
            ObservationFlags.SensorDisconnected, Validity.Invalid, DeviceCondition.SensorDisconnected, ref flags, ref validity, ref conditions);
        Check(ds, PlxDeviceAndSensorStatus.EquipmentMalfunction | PlxDeviceAndSensorStatus.SensorMalfunctioning | PlxDeviceAndSensorStatus.UnknownSensorConnected,
            ObservationFlags.SensorFault, Validity.Invalid, DeviceCondition.SensorFault, ref flags, ref validity, ref conditions);
        Check(ds, PlxDeviceAndSensorStatus.LowPerfusion,
            ObservationFlags.LowPerfusion, Validity.Questionable, DeviceCondition.LowPerfusion, ref flags, ref validity, ref conditions);
        Check(ds, PlxDeviceAndSensorStatus.ErraticSignal | PlxDeviceAndSensorStatus.SignalProcessingIrregularity,
            ObservationFlags.Artifact, Validity.Questionable, DeviceCondition.Artifact, ref flags, ref validity, ref conditions);
        Check(ds, PlxDeviceAndSensorStatus.SignalAnalysisOngoing,
            ObservationFlags.Searching, Validity.Questionable, DeviceCondition.Searching, ref flags, ref validity, ref conditions);
        Check(ds, PlxDeviceAndSensorStatus.InadequateSignal | PlxDeviceAndSensorStatus.PoorSignal | PlxDeviceAndSensorStatus.NonpulsatileSignal,
            ObservationFlags.PoorSignal, Validity.Questionable, DeviceCondition.None, ref flags, ref validity, ref conditions);
        Check(ds, PlxDeviceAndSensorStatus.SensorInterference,
            ObservationFlags.Interference, Validity.Questionable, DeviceCondition.None, ref flags, ref validity, ref conditions);
        Check(ds, PlxDeviceAndSensorStatus.QuestionablePulse,
            ObservationFlags.None, Validity.Questionable, DeviceCondition.None, ref flags, ref validity, ref conditions);
    }

    private static void Add(ref ObservationFlags flags, ref Validity validity, ObservationFlags flag, Validity atLeast)
    {
        flags |= flag;
        validity = GattObservations.Worst(validity, atLeast);
    }

    private static void Check(
        PlxDeviceAndSensorStatus status,
        PlxDeviceAndSensorStatus bits,
        ObservationFlags flag,
        Validity atLeast,
        DeviceCondition condition,
        ref ObservationFlags flags,
        ref Validity validity,
        ref uint conditions)
    {
        if ((status & bits) == 0)
        {
            return;
        }

        Add(ref flags, ref validity, flag, atLeast);
        if (condition != DeviceCondition.None)
        {
            conditions |= ConditionTracker.Bit(condition);
        }
    }
}

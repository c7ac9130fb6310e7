using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// <c>ble-bp-measurement</c>: Blood Pressure Measurement (0x2A35, indicated once per NIBP cycle) → Systolic,
/// Diastolic, MeanArterial and, when present, HeartRate observations in mm[Hg] and /min. kPa cuffs are converted
/// (flag <see cref="ObservationFlags.Converted"/>, original kept). The time stamp becomes
/// <see cref="Observation.DeviceTime"/>. Measurement Status maps as described on
/// <see cref="BloodPressureStatusMapping"/>. The User ID is not mapped (one patient per link); read it with
/// <see cref="BloodPressureMeasurement.TryParse(ReadOnlySpan{byte}, out BloodPressureMeasurement)"/>.
/// </summary>
public sealed class BloodPressureMeasurementProtocol : GattCharacteristicProtocol
{
    /// <summary>Protocol id in device profiles.</summary>
    public const string Id = "ble-bp-measurement";

    /// <inheritdoc cref="GattCharacteristicProtocol(string, TimeSpan)"/>
    public BloodPressureMeasurementProtocol(string deviceId, TimeSpan deviceClockUtcOffset = default)
        : base(deviceId, deviceClockUtcOffset)
    {
    }

    /// <inheritdoc/>
    public override string ProtocolId => Id;

    /// <inheritdoc/>
    protected override void DecodeValue(ReadOnlySpan<byte> value, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        if (!TryParse(value, sink, out BloodPressureMeasurement m))
        {
            return;
        }

        var deviceTime = ToDeviceTime(m.TimeStamp);
        BloodPressureStatusMapping.Map(m.Status, out var flags, out var validity, out bool pulseRateOutOfRange);
        sink.OnObservation(GattObservations.CreatePressure(DeviceId, Metric.Systolic, m.Systolic, m.Unit, flags, validity, receivedAt, deviceTime));
        sink.OnObservation(GattObservations.CreatePressure(DeviceId, Metric.Diastolic, m.Diastolic, m.Unit, flags, validity, receivedAt, deviceTime));
        sink.OnObservation(GattObservations.CreatePressure(DeviceId, Metric.MeanArterial, m.MeanArterialPressure, m.Unit, flags, validity, receivedAt, deviceTime));
        if (m.PulseRate is { } pulseRate)
        {
            var pulseValidity = pulseRateOutOfRange ? GattObservations.Worst(validity, Validity.Questionable) : validity;
            sink.OnObservation(GattObservations.Create(DeviceId, Metric.HeartRate, pulseRate, flags, pulseValidity, receivedAt, deviceTime));
        }
    }
}

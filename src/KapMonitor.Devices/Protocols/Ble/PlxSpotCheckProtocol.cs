using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// <c>ble-plx-spot</c>: PLX Spot-Check Measurement (0x2A5E) → Spo2, PulseRate and, when present, PerfusionIndex
/// (from the Pulse Amplitude Index). Status bits map as described on <see cref="PlxStatusMapping"/>; condition
/// edges (probe off, sensor disconnected, sensor fault, low perfusion, artifact, searching) are reported once when
/// they begin and once when they end. A value without Device and Sensor Status counts as "no condition". The time
/// stamp is ignored when the device says its clock is not set (flags bit 4).
/// </summary>
public sealed class PlxSpotCheckProtocol : GattCharacteristicProtocol
{
    /// <summary>Protocol id in device profiles.</summary>
    public const string Id = "ble-plx-spot";

    private readonly ConditionTracker _conditions = new();

    /// <inheritdoc cref="GattCharacteristicProtocol(string, TimeSpan)"/>
    public PlxSpotCheckProtocol(string deviceId, TimeSpan deviceClockUtcOffset = default)
        : base(deviceId, deviceClockUtcOffset)
    {
    }

    /// <inheritdoc/>
    public override string ProtocolId => Id;

    /// <inheritdoc/>
    protected override void DecodeValue(ReadOnlySpan<byte> value, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        if (!PlxSpotCheckMeasurement.TryParse(value, out var m, out var error))
        {
            sink.OnProtocolError(error);
            return;
        }

        PlxStatusMapping.Map(m.MeasurementStatus, m.DeviceAndSensorStatus, out var flags, out var validity, out uint conditions);
        _conditions.Update(conditions, DeviceId, receivedAt, (int)(m.DeviceAndSensorStatus ?? 0), sink);
        var deviceTime = m.DeviceClockNotSet ? null : ToDeviceTime(m.Timestamp);
        sink.OnObservation(GattObservations.Create(DeviceId, Metric.Spo2, m.Spo2, flags, validity, receivedAt, deviceTime));
        sink.OnObservation(GattObservations.Create(DeviceId, Metric.PulseRate, m.PulseRate, flags, validity, receivedAt, deviceTime));
        if (m.PulseAmplitudeIndex is { } pai)
        {
            sink.OnObservation(GattObservations.Create(DeviceId, Metric.PerfusionIndex, pai, flags, validity, receivedAt, deviceTime));
        }
    }
}

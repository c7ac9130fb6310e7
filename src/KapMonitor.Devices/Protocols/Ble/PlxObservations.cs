using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// What both PLX measurements (0x2A5E spot-check, 0x2A5F continuous; Bluetooth SIG PLXS) report: the two status fields
/// mapped by <see cref="PlxStatusMapping"/>, condition edges, then Spo2, PulseRate and, when present, PerfusionIndex
/// (from the Pulse Amplitude Index). The two characteristics carry the same status fields with the same meaning,
/// so one mapping keeps their observations identical.
/// </summary>
internal static class PlxObservations
{
    public static void Report(
        string deviceId,
        ConditionTracker conditions,
        PlxReading reading,
        Sfloat? pulseAmplitudeIndex,
        PlxMeasurementStatus? measurementStatus,
        PlxDeviceAndSensorStatus? deviceStatus,
        DateTimeOffset receivedAt,
        DateTimeOffset? deviceTime,
        IDecodeSink sink)
    {
        PlxStatusMapping.Map(measurementStatus, deviceStatus, out var flags, out var validity, out uint active);

        // A value without Device and Sensor Status counts as "no condition" (code 0).
        conditions.Update(active, deviceId, receivedAt, (int)(deviceStatus ?? 0), sink);
        sink.OnObservation(GattObservations.Create(deviceId, Metric.Spo2, reading.Spo2, flags, validity, receivedAt, deviceTime));
        sink.OnObservation(GattObservations.Create(deviceId, Metric.PulseRate, reading.PulseRate, flags, validity, receivedAt, deviceTime));
        if (pulseAmplitudeIndex is { } pai)
        {
            sink.OnObservation(GattObservations.Create(deviceId, Metric.PerfusionIndex, pai, flags, validity, receivedAt, deviceTime));
        }
    }
}

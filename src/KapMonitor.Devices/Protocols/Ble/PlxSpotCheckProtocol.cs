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
        if (!TryParse(value, sink, out PlxSpotCheckMeasurement m))
        {
            return;
        }

        var deviceTime = m.DeviceClockNotSet ? null : ToDeviceTime(m.Timestamp);
        PlxObservations.Report(
            DeviceId, _conditions, new PlxReading(m.Spo2, m.PulseRate), m.PulseAmplitudeIndex, m.MeasurementStatus, m.DeviceAndSensorStatus,
            receivedAt, deviceTime, sink);
    }
}

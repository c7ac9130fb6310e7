namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// <c>ble-plx-continuous</c>: PLX Continuous Measurement (0x2A5F) → Spo2 and PulseRate from SpO2PR-Normal and,
/// when present, PerfusionIndex (from the Pulse Amplitude Index). SpO2PR-Fast and -Slow are parsed and their
/// length checked but not reported: they are the same physiology with other averaging windows, and reporting
/// three streams of one metric would triple-count it; Normal is the averaging the device shows. Status bits and
/// condition edges are handled as on <see cref="PlxSpotCheckProtocol"/>.
/// </summary>
public sealed class PlxContinuousProtocol : GattCharacteristicProtocol
{
    /// <summary>Protocol id in device profiles.</summary>
    public const string Id = "ble-plx-continuous";

    private readonly ConditionTracker _conditions = new();

    /// <inheritdoc cref="GattCharacteristicProtocol(string, TimeSpan)"/>
    public PlxContinuousProtocol(string deviceId, TimeSpan deviceClockUtcOffset = default)
        : base(deviceId, deviceClockUtcOffset)
    {
    }

    /// <inheritdoc/>
    public override string ProtocolId => Id;

    /// <inheritdoc/>
    protected override void DecodeValue(ReadOnlySpan<byte> value, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        if (!TryParse(value, sink, out PlxContinuousMeasurement m))
        {
            return;
        }

        // 0x2A5F has no time stamp (Bluetooth SIG PLX Continuous Measurement).
        PlxObservations.Report(
            DeviceId, _conditions, m.Normal, m.PulseAmplitudeIndex, m.MeasurementStatus, m.DeviceAndSensorStatus, receivedAt, null, sink);
    }
}

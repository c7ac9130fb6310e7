namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// <c>ble-bp-feature</c>: Blood Pressure Feature (0x2A49, read once after connecting). Describes the cuff, not the
/// patient, so it reports no observations and no status events; the last value read is in <see cref="Features"/>.
/// A short value is reported as a protocol error.
/// </summary>
public sealed class BloodPressureFeatureProtocol : GattCharacteristicProtocol
{
    /// <summary>Protocol id in device profiles.</summary>
    public const string Id = "ble-bp-feature";

    /// <inheritdoc cref="GattCharacteristicProtocol(string, TimeSpan)"/>
    public BloodPressureFeatureProtocol(string deviceId, TimeSpan deviceClockUtcOffset = default)
        : base(deviceId, deviceClockUtcOffset)
    {
    }

    /// <inheritdoc/>
    public override string ProtocolId => Id;

    /// <summary>The last feature value decoded, or null before one arrived.</summary>
    public BloodPressureFeatures? Features { get; private set; }

    /// <inheritdoc/>
    protected override void DecodeValue(ReadOnlySpan<byte> value, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        if (TryParse(value, sink, out BloodPressureFeatures features))
        {
            Features = features;
        }
    }
}

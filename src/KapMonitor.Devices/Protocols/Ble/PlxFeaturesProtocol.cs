namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// <c>ble-plx-features</c>: PLX Features (0x2A60, read once after connecting). Describes the oximeter, not the
/// patient, so it reports no observations and no status events; the last value read is in <see cref="Features"/>.
/// A short value is reported as a protocol error.
/// </summary>
public sealed class PlxFeaturesProtocol : GattCharacteristicProtocol
{
    /// <summary>Protocol id in device profiles.</summary>
    public const string Id = "ble-plx-features";

    /// <inheritdoc cref="GattCharacteristicProtocol(string, TimeSpan)"/>
    public PlxFeaturesProtocol(string deviceId, TimeSpan deviceClockUtcOffset = default)
        : base(deviceId, deviceClockUtcOffset)
    {
    }

    /// <inheritdoc/>
    public override string ProtocolId => Id;

    /// <summary>The last feature value decoded, or null before one arrived.</summary>
    public PlxFeatures? Features { get; private set; }

    /// <inheritdoc/>
    protected override void DecodeValue(ReadOnlySpan<byte> value, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        if (TryParse(value, sink, out PlxFeatures features))
        {
            Features = features;
        }
    }
}

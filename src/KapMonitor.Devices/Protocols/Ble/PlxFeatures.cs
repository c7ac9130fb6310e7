using System.Buffers.Binary;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// A PLX Features value (0x2A60): the supported-features bits, then the Measurement Status support mask when
/// bit 0 is set and the Device and Sensor Status support mask (uint24) when bit 1 is set. The masks use the
/// bit positions of the status fields they describe.
/// </summary>
/// <param name="Supported">Supported Features bits.</param>
/// <param name="MeasurementStatusSupport">Which Measurement Status bits the device sets (present when <see cref="PlxSupportedFeatures.MeasurementStatus"/>).</param>
/// <param name="DeviceAndSensorStatusSupport">Which Device and Sensor Status bits the device sets (present when <see cref="PlxSupportedFeatures.DeviceAndSensorStatus"/>).</param>
public readonly record struct PlxFeatures(
    PlxSupportedFeatures Supported,
    PlxMeasurementStatus? MeasurementStatusSupport = null,
    PlxDeviceAndSensorStatus? DeviceAndSensorStatusSupport = null) : IGattValue<PlxFeatures>
{
    /// <summary>Length with no support mask.</summary>
    public const int MinSize = 2;

    /// <summary>Length with both support masks.</summary>
    public const int MaxSize = 7;

    /// <summary>Encoded length in bytes (2..7).</summary>
    public int EncodedLength => GetLength(SupportedOnWire);

    // The mask presence bits follow the optional fields so an encoded value is self-consistent.
    private PlxSupportedFeatures SupportedOnWire =>
        (Supported & ~(PlxSupportedFeatures.MeasurementStatus | PlxSupportedFeatures.DeviceAndSensorStatus))
        | (MeasurementStatusSupport.HasValue ? PlxSupportedFeatures.MeasurementStatus : 0)
        | (DeviceAndSensorStatusSupport.HasValue ? PlxSupportedFeatures.DeviceAndSensorStatus : 0);

    /// <summary>Length the given supported-features bits require.</summary>
    public static int GetLength(PlxSupportedFeatures supported) =>
        MinSize
        + ((supported & PlxSupportedFeatures.MeasurementStatus) != 0 ? 2 : 0)
        + ((supported & PlxSupportedFeatures.DeviceAndSensorStatus) != 0 ? 3 : 0);

    /// <summary>Parses one characteristic value; false when it is shorter than its feature bits require.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out PlxFeatures features) => TryParse(value, out features, out _);

    /// <summary>Parses one characteristic value; trailing bytes are ignored.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out PlxFeatures features, out ProtocolError error)
    {
        features = default;
        if (value.Length < MinSize)
        {
            return GattParse.Truncated(value, "PLX features value shorter than 2 bytes", out error);
        }

        var supported = (PlxSupportedFeatures)BinaryPrimitives.ReadUInt16LittleEndian(value);
        if (value.Length < GetLength(supported))
        {
            return GattParse.Truncated(value, "PLX features value shorter than its feature bits require", out error);
        }

        var fields = new GattFieldReader(value, (uint)supported, MinSize);
        features = new PlxFeatures(
            supported,
            (PlxMeasurementStatus?)fields.ReadUInt16((uint)PlxSupportedFeatures.MeasurementStatus),
            (PlxDeviceAndSensorStatus?)fields.ReadUInt24((uint)PlxSupportedFeatures.DeviceAndSensorStatus));
        return GattParse.Ok(out error);
    }

    internal int Write(Span<byte> destination)
    {
        var supported = SupportedOnWire;
        int length = GetLength(supported);
        BleEncoders.EnsureSpace(destination, length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)supported);
        var fields = new GattFieldWriter(destination, MinSize);
        fields.WriteUInt16((ushort?)MeasurementStatusSupport);
        fields.WriteUInt24((uint?)DeviceAndSensorStatusSupport);
        return length;
    }
}

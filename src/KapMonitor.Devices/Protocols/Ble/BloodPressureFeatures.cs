using System.Buffers.Binary;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>A Blood Pressure Feature value (0x2A49, uint16): what the cuff can detect.</summary>
/// <param name="Supported">The feature bits (bits the SIG has not defined are kept as read).</param>
public readonly record struct BloodPressureFeatures(BloodPressureFeature Supported) : IGattValue<BloodPressureFeatures>
{
    /// <summary>Bytes on the wire.</summary>
    public const int Size = 2;

    /// <summary>Parses one characteristic value; false when it is shorter than 2 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out BloodPressureFeatures features) =>
        TryParse(value, out features, out _);

    /// <summary>Parses one characteristic value; bytes after the uint16 are ignored (a later revision may extend it).</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out BloodPressureFeatures features, out ProtocolError error)
    {
        if (value.Length < Size)
        {
            features = default;
            return GattParse.Truncated(value, "blood pressure feature value shorter than 2 bytes", out error);
        }

        features = new BloodPressureFeatures((BloodPressureFeature)BinaryPrimitives.ReadUInt16LittleEndian(value));
        return GattParse.Ok(out error);
    }

    internal int Write(Span<byte> destination)
    {
        BleEncoders.EnsureSpace(destination, Size);
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)Supported);
        return Size;
    }
}

using System.Buffers;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// Byte-exact encoders for the GATT characteristic values KapMonitor decodes, for simulators and golden tests.
/// Each <c>Write</c> fills the start of a span and returns the byte count; the flags byte follows the optional
/// fields that are set (RFU bits clear). A span that is too small or a value the format cannot carry is a
/// broken contract and throws.
/// </summary>
public static class BleEncoders
{
    /// <summary>Encodes a Blood Pressure Measurement (0x2A35) or Intermediate Cuff Pressure (0x2A36) value.</summary>
    public static int Write(Span<byte> destination, in BloodPressureMeasurement value) => value.Write(destination);

    /// <summary>Encodes a PLX Spot-Check Measurement (0x2A5E) value.</summary>
    public static int Write(Span<byte> destination, in PlxSpotCheckMeasurement value) => value.Write(destination);

    /// <summary>Encodes a PLX Continuous Measurement (0x2A5F) value.</summary>
    public static int Write(Span<byte> destination, in PlxContinuousMeasurement value) => value.Write(destination);

    /// <summary>Encodes a Heart Rate Measurement (0x2A37) value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Heart rate above 255 without <see cref="HeartRateMeasurement.WideFormat"/>.</exception>
    public static int Write(Span<byte> destination, in HeartRateMeasurement value) => value.Write(destination);

    /// <summary>Encodes a Blood Pressure Feature (0x2A49) value.</summary>
    public static int Write(Span<byte> destination, in BloodPressureFeatures value) => value.Write(destination);

    /// <summary>Encodes a PLX Features (0x2A60) value.</summary>
    public static int Write(Span<byte> destination, in PlxFeatures value) => value.Write(destination);

    /// <summary>Encodes a Blood Pressure Measurement or Intermediate Cuff Pressure value into <paramref name="writer"/>.</summary>
    public static int Write(IBufferWriter<byte> writer, in BloodPressureMeasurement value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int written = value.Write(writer.GetSpan(BloodPressureMeasurement.MaxSize));
        writer.Advance(written);
        return written;
    }

    /// <summary>Encodes a PLX Spot-Check Measurement value into <paramref name="writer"/>.</summary>
    public static int Write(IBufferWriter<byte> writer, in PlxSpotCheckMeasurement value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int written = value.Write(writer.GetSpan(PlxSpotCheckMeasurement.MaxSize));
        writer.Advance(written);
        return written;
    }

    /// <summary>Encodes a PLX Continuous Measurement value into <paramref name="writer"/>.</summary>
    public static int Write(IBufferWriter<byte> writer, in PlxContinuousMeasurement value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int written = value.Write(writer.GetSpan(PlxContinuousMeasurement.MaxSize));
        writer.Advance(written);
        return written;
    }

    /// <summary>Encodes a Heart Rate Measurement value into <paramref name="writer"/>.</summary>
    public static int Write(IBufferWriter<byte> writer, in HeartRateMeasurement value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int written = value.Write(writer.GetSpan(value.EncodedLength));
        writer.Advance(written);
        return written;
    }

    /// <summary>The encoded bytes of a Blood Pressure Measurement or Intermediate Cuff Pressure value.</summary>
    public static byte[] Encode(in BloodPressureMeasurement value)
    {
        var bytes = new byte[value.EncodedLength];
        value.Write(bytes);
        return bytes;
    }

    /// <summary>The encoded bytes of a PLX Spot-Check Measurement value.</summary>
    public static byte[] Encode(in PlxSpotCheckMeasurement value)
    {
        var bytes = new byte[value.EncodedLength];
        value.Write(bytes);
        return bytes;
    }

    /// <summary>The encoded bytes of a PLX Continuous Measurement value.</summary>
    public static byte[] Encode(in PlxContinuousMeasurement value)
    {
        var bytes = new byte[value.EncodedLength];
        value.Write(bytes);
        return bytes;
    }

    /// <summary>The encoded bytes of a Heart Rate Measurement value.</summary>
    public static byte[] Encode(in HeartRateMeasurement value)
    {
        var bytes = new byte[value.EncodedLength];
        value.Write(bytes);
        return bytes;
    }

    /// <summary>The encoded bytes of a Blood Pressure Feature value.</summary>
    public static byte[] Encode(in BloodPressureFeatures value)
    {
        var bytes = new byte[BloodPressureFeatures.Size];
        value.Write(bytes);
        return bytes;
    }

    /// <summary>The encoded bytes of a PLX Features value.</summary>
    public static byte[] Encode(in PlxFeatures value)
    {
        var bytes = new byte[value.EncodedLength];
        value.Write(bytes);
        return bytes;
    }

    internal static void EnsureSpace(Span<byte> destination, int length)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; the value needs {length}.", nameof(destination));
        }
    }
}

using System.Buffers.Binary;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// A Heart Rate Measurement value (0x2A37, HRS v1.0): heart rate (uint8 or uint16 per flags bit 0, beats/min),
/// sensor contact (bits 1–2), Energy Expended (bit 3, uint16 kJ) and RR intervals (bit 4, uint16 each in
/// 1/1024 s, oldest first, filling the rest of the value). RFU flag bits 5–7 are ignored.
/// Record equality compares <see cref="RrIntervals"/> by reference; compare their spans for content.
/// </summary>
/// <param name="HeartRate">Heart rate, beats/min.</param>
/// <param name="WideFormat">True when the heart rate is sent as uint16 (flags bit 0); needed for byte-exact encoding.</param>
/// <param name="SensorContact">Sensor contact status.</param>
/// <param name="EnergyExpended">Cumulative energy expended, kJ (0xFFFF = reached the maximum).</param>
/// <param name="RrIntervals">RR intervals in 1/1024 s, oldest first; empty when absent.</param>
public readonly record struct HeartRateMeasurement(
    ushort HeartRate,
    bool WideFormat = false,
    HeartRateSensorContact SensorContact = HeartRateSensorContact.NotSupported,
    ushort? EnergyExpended = null,
    ReadOnlyMemory<ushort> RrIntervals = default)
{
    /// <summary>Shortest value (flags + uint8 heart rate).</summary>
    public const int MinSize = 2;

    /// <summary>Flags bit 0: heart rate is uint16.</summary>
    public const byte FlagWideFormat = 0x01;

    /// <summary>Flags bit 3: Energy Expended present.</summary>
    public const byte FlagEnergyExpended = 0x08;

    /// <summary>Flags bit 4: RR intervals present.</summary>
    public const byte FlagRrIntervals = 0x10;

    /// <summary>RR interval resolution: 1/1024 s.</summary>
    public const double RrIntervalUnitSeconds = 1.0 / 1024;

    /// <summary>The flags byte this value encodes to (RFU bits 5–7 clear).</summary>
    public byte Flags => (byte)(
        (WideFormat ? FlagWideFormat : 0)
        | (((int)SensorContact & 3) << 1)
        | (EnergyExpended.HasValue ? FlagEnergyExpended : 0)
        | (RrIntervals.IsEmpty ? 0 : FlagRrIntervals));

    /// <summary>Encoded length in bytes.</summary>
    public int EncodedLength => 1 + (WideFormat ? 2 : 1) + (EnergyExpended.HasValue ? 2 : 0) + (2 * RrIntervals.Length);

    /// <summary>An RR interval in seconds.</summary>
    public static double RrIntervalToSeconds(ushort rrInterval) => rrInterval * RrIntervalUnitSeconds;

    /// <summary>Parses one characteristic value (allocates the RR interval array when there are any).</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out HeartRateMeasurement measurement) =>
        TryParse(value, out measurement, out _);

    /// <summary>Parses one characteristic value; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out HeartRateMeasurement measurement, out ProtocolError error)
    {
        if (!TryParseWithoutRr(value, out measurement, out var rrBytes, out error))
        {
            return false;
        }

        if (!rrBytes.IsEmpty)
        {
            var rr = new ushort[rrBytes.Length / 2];
            for (int i = 0; i < rr.Length; i++)
            {
                rr[i] = BinaryPrimitives.ReadUInt16LittleEndian(rrBytes[(2 * i)..]);
            }

            measurement = measurement with { RrIntervals = rr };
        }

        return true;
    }

    /// <summary>
    /// Parses everything but the RR intervals, which are returned as raw bytes (validated: non-empty and even
    /// when the flag is set), so the live decoder allocates nothing.
    /// </summary>
    internal static bool TryParseWithoutRr(
        ReadOnlySpan<byte> value, out HeartRateMeasurement measurement, out ReadOnlySpan<byte> rrBytes, out ProtocolError error)
    {
        measurement = default;
        rrBytes = default;
        if (value.Length < MinSize)
        {
            return GattParse.Truncated(value, "heart rate value shorter than 2 bytes", out error);
        }

        byte flags = value[0];
        bool wide = (flags & FlagWideFormat) != 0;
        int required = 1 + (wide ? 2 : 1) + ((flags & FlagEnergyExpended) != 0 ? 2 : 0) + ((flags & FlagRrIntervals) != 0 ? 2 : 0);
        if (value.Length < required)
        {
            return GattParse.Truncated(value, "heart rate value shorter than its flags require", out error);
        }

        ushort heartRate = wide ? BinaryPrimitives.ReadUInt16LittleEndian(value[1..]) : value[1];
        int offset = wide ? 3 : 2;
        ushort? energy = null;
        if ((flags & FlagEnergyExpended) != 0)
        {
            energy = BinaryPrimitives.ReadUInt16LittleEndian(value[offset..]);
            offset += 2;
        }

        if ((flags & FlagRrIntervals) != 0)
        {
            // The RR field runs to the end of the value, so an odd remainder is a broken value, not a newer field.
            rrBytes = value[offset..];
            if ((rrBytes.Length & 1) != 0)
            {
                rrBytes = default;
                return GattParse.Malformed(value, "heart rate RR-interval field has an odd length", out error);
            }
        }

        measurement = new HeartRateMeasurement(heartRate, wide, (HeartRateSensorContact)((flags >> 1) & 3), energy);
        return GattParse.Ok(out error);
    }

    internal int Write(Span<byte> destination)
    {
        if (!WideFormat && HeartRate > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(HeartRate), HeartRate, "A heart rate above 255 needs WideFormat (uint16).");
        }

        int length = EncodedLength;
        BleEncoders.EnsureSpace(destination, length);
        destination[0] = Flags;
        int offset = 1;
        if (WideFormat)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], HeartRate);
            offset += 2;
        }
        else
        {
            destination[offset++] = (byte)HeartRate;
        }

        if (EnergyExpended is { } energy)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], energy);
            offset += 2;
        }

        foreach (ushort rr in RrIntervals.Span)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], rr);
            offset += 2;
        }

        return length;
    }
}

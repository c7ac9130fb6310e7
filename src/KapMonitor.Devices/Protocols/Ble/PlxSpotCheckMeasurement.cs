namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// A PLX Spot-Check Measurement value (0x2A5E, PLXS v1.0), field by field. Optional fields are null when their
/// flag is clear. Parse with <see cref="TryParse(ReadOnlySpan{byte}, out PlxSpotCheckMeasurement)"/>, encode with
/// <see cref="BleEncoders"/>.
/// </summary>
/// <param name="Spo2">SpO2, %.</param>
/// <param name="PulseRate">Pulse rate, beats/min.</param>
/// <param name="Timestamp">Time stamp (flags bit 0).</param>
/// <param name="MeasurementStatus">Measurement Status (flags bit 1).</param>
/// <param name="DeviceAndSensorStatus">Device and Sensor Status, 24 bits (flags bit 2).</param>
/// <param name="PulseAmplitudeIndex">Pulse Amplitude Index, % (flags bit 3).</param>
/// <param name="DeviceClockNotSet">Flags bit 4: the device clock is not set, so the time stamp means nothing.</param>
public readonly record struct PlxSpotCheckMeasurement(
    Sfloat Spo2,
    Sfloat PulseRate,
    GattDateTime? Timestamp = null,
    PlxMeasurementStatus? MeasurementStatus = null,
    PlxDeviceAndSensorStatus? DeviceAndSensorStatus = null,
    Sfloat? PulseAmplitudeIndex = null,
    bool DeviceClockNotSet = false) : IGattValue<PlxSpotCheckMeasurement>
{
    /// <summary>Length with no optional field.</summary>
    public const int MinSize = 5;

    /// <summary>Length with every optional field.</summary>
    public const int MaxSize = 19;

    /// <summary>Flags bit 0: Timestamp present.</summary>
    public const byte FlagTimestamp = 0x01;

    /// <summary>Flags bit 1: Measurement Status present.</summary>
    public const byte FlagMeasurementStatus = 0x02;

    /// <summary>Flags bit 2: Device and Sensor Status present.</summary>
    public const byte FlagDeviceAndSensorStatus = 0x04;

    /// <summary>Flags bit 3: Pulse Amplitude Index present.</summary>
    public const byte FlagPulseAmplitudeIndex = 0x08;

    /// <summary>Flags bit 4: Device Clock is Not Set.</summary>
    public const byte FlagDeviceClockNotSet = 0x10;

    /// <summary>The flags byte this value encodes to (RFU bits 5–7 clear).</summary>
    public byte Flags => (byte)(
        (Timestamp.HasValue ? FlagTimestamp : 0)
        | (MeasurementStatus.HasValue ? FlagMeasurementStatus : 0)
        | (DeviceAndSensorStatus.HasValue ? FlagDeviceAndSensorStatus : 0)
        | (PulseAmplitudeIndex.HasValue ? FlagPulseAmplitudeIndex : 0)
        | (DeviceClockNotSet ? FlagDeviceClockNotSet : 0));

    /// <summary>Encoded length in bytes (5..19).</summary>
    public int EncodedLength => GetLength(Flags);

    /// <summary>Length the given flags require (RFU bits ignored).</summary>
    public static int GetLength(byte flags) =>
        MinSize
        + ((flags & FlagTimestamp) != 0 ? GattDateTime.Size : 0)
        + ((flags & FlagMeasurementStatus) != 0 ? 2 : 0)
        + ((flags & FlagDeviceAndSensorStatus) != 0 ? 3 : 0)
        + ((flags & FlagPulseAmplitudeIndex) != 0 ? Sfloat.Size : 0);

    /// <summary>Parses one characteristic value; false when it is shorter than its flags require.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out PlxSpotCheckMeasurement measurement) =>
        TryParse(value, out measurement, out _);

    /// <summary>Parses one characteristic value; RFU flag bits and trailing bytes are ignored (see <see cref="BloodPressureMeasurement"/>).</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out PlxSpotCheckMeasurement measurement, out ProtocolError error)
    {
        measurement = default;
        if (value.Length < MinSize)
        {
            return GattParse.Truncated(value, "PLX spot-check value shorter than 5 bytes", out error);
        }

        byte flags = value[0];
        if (value.Length < GetLength(flags))
        {
            return GattParse.Truncated(value, "PLX spot-check value shorter than its flags require", out error);
        }

        // Argument order is wire order: the cursor reads the optional fields one after the other (Bluetooth SIG 0x2A5E layout).
        var fields = new GattFieldReader(value, flags, MinSize);
        measurement = new PlxSpotCheckMeasurement(
            Sfloat.Read(value[1..]),
            Sfloat.Read(value[3..]),
            fields.ReadDateTime(FlagTimestamp),
            (PlxMeasurementStatus?)fields.ReadUInt16(FlagMeasurementStatus),
            (PlxDeviceAndSensorStatus?)fields.ReadUInt24(FlagDeviceAndSensorStatus),
            fields.ReadSfloat(FlagPulseAmplitudeIndex),
            (flags & FlagDeviceClockNotSet) != 0);
        return GattParse.Ok(out error);
    }

    internal int Write(Span<byte> destination)
    {
        byte flags = Flags;
        int length = GetLength(flags);
        BleEncoders.EnsureSpace(destination, length);
        destination[0] = flags;
        Spo2.Write(destination[1..]);
        PulseRate.Write(destination[3..]);
        var fields = new GattFieldWriter(destination, MinSize);
        fields.Write(Timestamp);
        fields.WriteUInt16((ushort?)MeasurementStatus);
        fields.WriteUInt24((uint?)DeviceAndSensorStatus);
        fields.Write(PulseAmplitudeIndex);
        return length;
    }
}

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// A PLX Continuous Measurement value (0x2A5F, PLXS v1.0), field by field. Optional fields are null when their
/// flag is clear. Parse with <see cref="TryParse(ReadOnlySpan{byte}, out PlxContinuousMeasurement)"/>, encode with
/// <see cref="BleEncoders"/>.
/// </summary>
/// <param name="Normal">SpO2PR-Normal (always present).</param>
/// <param name="Fast">SpO2PR-Fast (flags bit 0).</param>
/// <param name="Slow">SpO2PR-Slow (flags bit 1).</param>
/// <param name="MeasurementStatus">Measurement Status (flags bit 2).</param>
/// <param name="DeviceAndSensorStatus">Device and Sensor Status, 24 bits (flags bit 3).</param>
/// <param name="PulseAmplitudeIndex">Pulse Amplitude Index, % (flags bit 4).</param>
public readonly record struct PlxContinuousMeasurement(
    PlxReading Normal,
    PlxReading? Fast = null,
    PlxReading? Slow = null,
    PlxMeasurementStatus? MeasurementStatus = null,
    PlxDeviceAndSensorStatus? DeviceAndSensorStatus = null,
    Sfloat? PulseAmplitudeIndex = null) : IGattValue<PlxContinuousMeasurement>
{
    /// <summary>Length with no optional field.</summary>
    public const int MinSize = 5;

    /// <summary>Length with every optional field.</summary>
    public const int MaxSize = 20;

    /// <summary>Flags bit 0: SpO2PR-Fast present.</summary>
    public const byte FlagFast = 0x01;

    /// <summary>Flags bit 1: SpO2PR-Slow present.</summary>
    public const byte FlagSlow = 0x02;

    /// <summary>Flags bit 2: Measurement Status present.</summary>
    public const byte FlagMeasurementStatus = 0x04;

    /// <summary>Flags bit 3: Device and Sensor Status present.</summary>
    public const byte FlagDeviceAndSensorStatus = 0x08;

    /// <summary>Flags bit 4: Pulse Amplitude Index present.</summary>
    public const byte FlagPulseAmplitudeIndex = 0x10;

    /// <summary>The flags byte this value encodes to (RFU bits 5–7 clear).</summary>
    public byte Flags => (byte)(
        (Fast.HasValue ? FlagFast : 0)
        | (Slow.HasValue ? FlagSlow : 0)
        | (MeasurementStatus.HasValue ? FlagMeasurementStatus : 0)
        | (DeviceAndSensorStatus.HasValue ? FlagDeviceAndSensorStatus : 0)
        | (PulseAmplitudeIndex.HasValue ? FlagPulseAmplitudeIndex : 0));

    /// <summary>Encoded length in bytes (5..20).</summary>
    public int EncodedLength => GetLength(Flags);

    /// <summary>Length the given flags require (RFU bits ignored).</summary>
    public static int GetLength(byte flags) =>
        MinSize
        + ((flags & FlagFast) != 0 ? PlxReading.Size : 0)
        + ((flags & FlagSlow) != 0 ? PlxReading.Size : 0)
        + ((flags & FlagMeasurementStatus) != 0 ? 2 : 0)
        + ((flags & FlagDeviceAndSensorStatus) != 0 ? 3 : 0)
        + ((flags & FlagPulseAmplitudeIndex) != 0 ? Sfloat.Size : 0);

    /// <summary>Parses one characteristic value; false when it is shorter than its flags require.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out PlxContinuousMeasurement measurement) =>
        TryParse(value, out measurement, out _);

    /// <summary>Parses one characteristic value; RFU flag bits and trailing bytes are ignored (see <see cref="BloodPressureMeasurement"/>).</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out PlxContinuousMeasurement measurement, out ProtocolError error)
    {
        measurement = default;
        if (value.Length < MinSize)
        {
            return GattParse.Truncated(value, "PLX continuous value shorter than 5 bytes", out error);
        }

        byte flags = value[0];
        if (value.Length < GetLength(flags))
        {
            return GattParse.Truncated(value, "PLX continuous value shorter than its flags require", out error);
        }

        // Argument order is wire order: the cursor reads the optional fields one after the other (Bluetooth SIG 0x2A5F layout).
        var fields = new GattFieldReader(value, flags, MinSize);
        measurement = new PlxContinuousMeasurement(
            PlxReading.Read(value[1..]),
            fields.ReadPlxReading(FlagFast),
            fields.ReadPlxReading(FlagSlow),
            (PlxMeasurementStatus?)fields.ReadUInt16(FlagMeasurementStatus),
            (PlxDeviceAndSensorStatus?)fields.ReadUInt24(FlagDeviceAndSensorStatus),
            fields.ReadSfloat(FlagPulseAmplitudeIndex));
        return GattParse.Ok(out error);
    }

    internal int Write(Span<byte> destination)
    {
        byte flags = Flags;
        int length = GetLength(flags);
        BleEncoders.EnsureSpace(destination, length);
        destination[0] = flags;
        Normal.Write(destination[1..]);
        var fields = new GattFieldWriter(destination, MinSize);
        fields.Write(Fast);
        fields.Write(Slow);
        fields.WriteUInt16((ushort?)MeasurementStatus);
        fields.WriteUInt24((uint?)DeviceAndSensorStatus);
        fields.Write(PulseAmplitudeIndex);
        return length;
    }
}

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// A Blood Pressure Measurement (0x2A35) or Intermediate Cuff Pressure (0x2A36) value, field by field
/// (BLS v1.0; layout in the SIG XML org.bluetooth.characteristic.blood_pressure_measurement). For 0x2A36 the
/// systolic field carries the current cuff pressure and diastolic/MAP are unused. Optional fields are null when
/// their flag is clear. Parse with <see cref="TryParse(ReadOnlySpan{byte}, out BloodPressureMeasurement)"/>,
/// encode with <see cref="BleEncoders"/>.
/// </summary>
/// <param name="Unit">Pressure unit (flags bit 0).</param>
/// <param name="Systolic">Systolic pressure, or the cuff pressure in 0x2A36.</param>
/// <param name="Diastolic">Diastolic pressure (unused in 0x2A36).</param>
/// <param name="MeanArterialPressure">Mean arterial pressure (unused in 0x2A36).</param>
/// <param name="TimeStamp">Time stamp (flags bit 1).</param>
/// <param name="PulseRate">Pulse rate, beats/min (flags bit 2).</param>
/// <param name="UserId">User id (flags bit 3); <see cref="UnknownUserId"/> = unknown user.</param>
/// <param name="Status">Measurement Status (flags bit 4).</param>
public readonly record struct BloodPressureMeasurement(
    BloodPressureUnit Unit,
    Sfloat Systolic,
    Sfloat Diastolic,
    Sfloat MeanArterialPressure,
    GattDateTime? TimeStamp = null,
    Sfloat? PulseRate = null,
    byte? UserId = null,
    BloodPressureMeasurementStatus? Status = null) : IGattValue<BloodPressureMeasurement>
{
    /// <summary>Length with no optional field.</summary>
    public const int MinSize = 7;

    /// <summary>Length with every optional field.</summary>
    public const int MaxSize = 19;

    /// <summary>User id meaning "unknown user".</summary>
    public const byte UnknownUserId = 255;

    /// <summary>Flags bit 0: pressures in kPa.</summary>
    public const byte FlagKilopascal = 0x01;

    /// <summary>Flags bit 1: Time Stamp present.</summary>
    public const byte FlagTimeStamp = 0x02;

    /// <summary>Flags bit 2: Pulse Rate present.</summary>
    public const byte FlagPulseRate = 0x04;

    /// <summary>Flags bit 3: User ID present.</summary>
    public const byte FlagUserId = 0x08;

    /// <summary>Flags bit 4: Measurement Status present.</summary>
    public const byte FlagStatus = 0x10;

    /// <summary>The flags byte this value encodes to (RFU bits 5–7 clear).</summary>
    public byte Flags => (byte)(
        (Unit == BloodPressureUnit.Kilopascal ? FlagKilopascal : 0)
        | (TimeStamp.HasValue ? FlagTimeStamp : 0)
        | (PulseRate.HasValue ? FlagPulseRate : 0)
        | (UserId.HasValue ? FlagUserId : 0)
        | (Status.HasValue ? FlagStatus : 0));

    /// <summary>Encoded length in bytes (7..19).</summary>
    public int EncodedLength => GetLength(Flags);

    /// <summary>An Intermediate Cuff Pressure (0x2A36) value: diastolic and MAP set to NaN as unused.</summary>
    public static BloodPressureMeasurement IntermediateCuff(
        Sfloat cuffPressure,
        BloodPressureUnit unit = BloodPressureUnit.MillimetreOfMercury,
        BloodPressureMeasurementStatus? status = null,
        GattDateTime? timeStamp = null) =>
        new(unit, cuffPressure, Sfloat.NaN, Sfloat.NaN, timeStamp, null, null, status);

    /// <summary>Length the given flags require (RFU bits ignored).</summary>
    public static int GetLength(byte flags) =>
        MinSize
        + ((flags & FlagTimeStamp) != 0 ? GattDateTime.Size : 0)
        + ((flags & FlagPulseRate) != 0 ? Sfloat.Size : 0)
        + ((flags & FlagUserId) != 0 ? 1 : 0)
        + ((flags & FlagStatus) != 0 ? 2 : 0);

    /// <summary>Parses one characteristic value; false when it is shorter than its flags require.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out BloodPressureMeasurement measurement) =>
        TryParse(value, out measurement, out _);

    /// <summary>
    /// Parses one characteristic value; on failure <paramref name="error"/> says why. RFU flag bits and bytes
    /// after the last field the flags announce are ignored: later BLS revisions append fields under new flag bits,
    /// and the value arrives whole (one ATT notification/indication), so there is nothing to resynchronise.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out BloodPressureMeasurement measurement, out ProtocolError error)
    {
        measurement = default;
        if (value.Length < MinSize)
        {
            return GattParse.Truncated(value, "blood pressure value shorter than 7 bytes", out error);
        }

        byte flags = value[0];
        if (value.Length < GetLength(flags))
        {
            return GattParse.Truncated(value, "blood pressure value shorter than its flags require", out error);
        }

        // Argument order is wire order: the cursor reads the optional fields one after the other (Bluetooth SIG 0x2A35 layout).
        var fields = new GattFieldReader(value, flags, MinSize);
        measurement = new BloodPressureMeasurement(
            (flags & FlagKilopascal) != 0 ? BloodPressureUnit.Kilopascal : BloodPressureUnit.MillimetreOfMercury,
            Sfloat.Read(value[1..]),
            Sfloat.Read(value[3..]),
            Sfloat.Read(value[5..]),
            fields.ReadDateTime(FlagTimeStamp),
            fields.ReadSfloat(FlagPulseRate),
            fields.ReadByte(FlagUserId),
            (BloodPressureMeasurementStatus?)fields.ReadUInt16(FlagStatus));
        return GattParse.Ok(out error);
    }

    internal int Write(Span<byte> destination)
    {
        byte flags = Flags;
        int length = GetLength(flags);
        BleEncoders.EnsureSpace(destination, length);
        destination[0] = flags;
        Systolic.Write(destination[1..]);
        Diastolic.Write(destination[3..]);
        MeanArterialPressure.Write(destination[5..]);
        var fields = new GattFieldWriter(destination, MinSize);
        fields.Write(TimeStamp);
        fields.Write(PulseRate);
        fields.Write(UserId);
        fields.WriteUInt16((ushort?)Status);
        return length;
    }
}

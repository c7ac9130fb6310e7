using System.Buffers.Binary;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// The 7-byte Bluetooth Date Time (org.bluetooth.characteristic.date_time, 0x2A08) used for measurement time
/// stamps: uint16 year (1582..9999, 0 = unknown), month (1..12, 0 = unknown), day (1..31, 0 = unknown), hours,
/// minutes, seconds. It carries no time zone: it is the device's wall clock. Kept field by field so invalid
/// device clocks survive a round trip.
/// </summary>
/// <param name="Year">Year, 0 when unknown.</param>
/// <param name="Month">Month 1..12, 0 when unknown.</param>
/// <param name="Day">Day of month 1..31, 0 when unknown.</param>
/// <param name="Hours">Hours 0..23.</param>
/// <param name="Minutes">Minutes 0..59.</param>
/// <param name="Seconds">Seconds 0..59.</param>
public readonly record struct GattDateTime(ushort Year, byte Month, byte Day, byte Hours, byte Minutes, byte Seconds)
{
    /// <summary>Bytes on the wire.</summary>
    public const int Size = 7;

    /// <summary>Reads the 7 bytes at the start of <paramref name="source"/>.</summary>
    public static GattDateTime Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt16LittleEndian(source),
        source[2],
        source[3],
        source[4],
        source[5],
        source[6]);

    /// <summary>Writes the 7 bytes into the start of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, Year);
        destination[2] = Month;
        destination[3] = Day;
        destination[4] = Hours;
        destination[5] = Minutes;
        destination[6] = Seconds;
    }

    /// <summary>The fields of a calendar time (seconds truncated).</summary>
    public static GattDateTime FromDateTime(DateTime value) => new(
        (ushort)value.Year, (byte)value.Month, (byte)value.Day, (byte)value.Hour, (byte)value.Minute, (byte)value.Second);

    /// <summary>
    /// The calendar time, or false when the year, month or day is unknown (0) or any field is out of range
    /// (a device whose clock was never set, or garbage). The result has <see cref="DateTimeKind.Unspecified"/>.
    /// </summary>
    public bool TryToDateTime(out DateTime value)
    {
        value = default;
        if (Year is < 1582 or > 9999 || Month is < 1 or > 12 || Day < 1 || Day > DateTime.DaysInMonth(Year, Month)
            || Hours > 23 || Minutes > 59 || Seconds > 59)
        {
            return false;
        }

        value = new DateTime(Year, Month, Day, Hours, Minutes, Seconds, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>
    /// The device time as an instant, reading the device's wall clock at <paramref name="utcOffset"/>
    /// (zero when the device clock is kept in UTC); null when the time is unknown or invalid.
    /// </summary>
    public DateTimeOffset? ToInstant(TimeSpan utcOffset)
    {
        if (!TryToDateTime(out var local))
        {
            return null;
        }

        // Tick arithmetic so an offset near the ends of the calendar yields null instead of throwing.
        long ticks = local.Ticks - utcOffset.Ticks;
        return ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks
            ? null
            : new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Year:D4}-{Month:D2}-{Day:D2} {Hours:D2}:{Minutes:D2}:{Seconds:D2}";
}

using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class GattDateTimeTests
{
    [Fact]
    public void Reads_and_writes_the_spec_example()
    {
        // Date Time 0x2A08 example (obniz/obniz UA651BLE): 2013-08-26 09:10:20.
        var bytes = BleHex.Bytes("DD 07 08 1A 09 0A 14");
        var stamp = GattDateTime.Read(bytes);

        Assert.Equal(new GattDateTime(2013, 8, 26, 9, 10, 20), stamp);
        Assert.True(stamp.TryToDateTime(out var value));
        Assert.Equal(new DateTime(2013, 8, 26, 9, 10, 20), value);
        Assert.Equal(new DateTimeOffset(2013, 8, 26, 9, 10, 20, TimeSpan.Zero), stamp.ToInstant(TimeSpan.Zero));

        var written = new byte[GattDateTime.Size];
        GattDateTime.FromDateTime(value).Write(written);
        Assert.Equal(bytes, written);
    }

    [Fact]
    public void Device_clock_offset_is_applied()
    {
        var stamp = new GattDateTime(2013, 8, 26, 9, 10, 20);

        Assert.Equal(new DateTimeOffset(2013, 8, 26, 7, 10, 20, TimeSpan.Zero), stamp.ToInstant(TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData("00 00 08 1A 09 0A 14")] // year unknown
    [InlineData("DD 07 00 1A 09 0A 14")] // month unknown
    [InlineData("DD 07 08 00 09 0A 14")] // day unknown
    [InlineData("00 00 00 00 00 00 00")]
    [InlineData("DD 07 0D 1A 09 0A 14")] // month 13
    [InlineData("DD 07 02 1E 09 0A 14")] // 30 February
    [InlineData("DD 07 08 1A 18 0A 14")] // hour 24
    [InlineData("DD 07 08 1A 09 3C 14")] // minute 60
    [InlineData("DD 07 08 1A 09 0A 3C")] // second 60
    [InlineData("2D 06 08 1A 09 0A 14")] // year 1581
    [InlineData("10 27 08 1A 09 0A 14")] // year 10000
    public void Unknown_or_invalid_times_give_no_device_time(string hex)
    {
        var stamp = GattDateTime.Read(BleHex.Bytes(hex));

        Assert.False(stamp.TryToDateTime(out _));
        Assert.Null(stamp.ToInstant(TimeSpan.Zero));
    }

    [Fact]
    public void Offsets_at_the_end_of_the_calendar_do_not_throw()
    {
        var stamp = new GattDateTime(9999, 12, 31, 23, 59, 59);

        Assert.Null(stamp.ToInstant(TimeSpan.FromHours(-14)));
        Assert.NotNull(stamp.ToInstant(TimeSpan.FromHours(14)));
    }
}

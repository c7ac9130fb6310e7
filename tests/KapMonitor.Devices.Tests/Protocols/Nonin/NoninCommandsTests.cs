using KapMonitor.Devices.Protocols.Nonin;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols.Nonin;

public sealed class NoninCommandsTests
{
    [Theory]
    [InlineData(8, "02 70 02 02 08 03")]
    [InlineData(2, "02 70 02 02 02 03")]
    public void Short_set_format_matches_reference(byte format, string hex)
    {
        var buffer = new byte[8];
        var n = NoninCommands.SetDataFormat(format, buffer);
        Assert.Equal(Feed.Hex(hex), buffer[..n]);
    }

    [Fact]
    public void Long_set_format_matches_derived_vector()
    {
        var buffer = new byte[8];
        Assert.Equal(8, NoninCommands.SetDataFormatLong(7, 0x21, buffer));
        Assert.Equal(Feed.Hex("02 70 04 02 07 21 9E 03"), buffer);
    }

    [Fact]
    public void Too_small_buffer_writes_nothing()
    {
        Assert.Equal(0, NoninCommands.SetDataFormat(2, new byte[5]));
        Assert.Equal(0, NoninCommands.SetDataFormatLong(2, 1, new byte[7]));
    }
}

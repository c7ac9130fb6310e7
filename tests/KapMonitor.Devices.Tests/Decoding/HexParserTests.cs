using KapMonitor.Devices.Decoding;

namespace KapMonitor.Devices.Tests.Decoding;

public sealed class HexParserTests
{
    [Theory]
    [InlineData("3E 05 02 01 BA")]
    [InlineData("3e:05:02:01:ba")]
    [InlineData("0x3E,0x05, 0x02 0x01 0XBA")]
    [InlineData("3E050201BA")]
    [InlineData(" 3E-05\n02;01\tBA \r\n")]
    public void Accepts_common_spellings(string text)
    {
        Assert.True(HexParser.TryParse(text, out var bytes, out _));
        Assert.Equal(new byte[] { 0x3E, 0x05, 0x02, 0x01, 0xBA }, bytes);
    }

    [Fact]
    public void Empty_is_zero_bytes()
    {
        Assert.True(HexParser.TryParse("  ", out var bytes, out _));
        Assert.Empty(bytes);
    }

    [Theory]
    [InlineData("3E 5", "odd number of hex digits")]
    [InlineData("3E G0", "'G' at position 4 is not a hex digit")]
    [InlineData(null, "no hex given")]
    public void Rejects_with_a_reason(string? text, string expected)
    {
        Assert.False(HexParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}

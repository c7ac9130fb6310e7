namespace KapMonitor.Serial.Tests;

public sealed class SerialSettingsTests
{
    [Fact]
    public void Defaults_are_9600_8N1_without_flow_control()
    {
        var s = new SerialSettings();
        Assert.Equal(9600, s.BaudRate);
        Assert.Equal(8, s.DataBits);
        Assert.Equal(Parity.None, s.Parity);
        Assert.Equal(StopBits.One, s.StopBits);
        Assert.Equal(FlowControl.None, s.FlowControl);
        Assert.Equal("9600 8N1", s.ToString());
    }

    [Fact]
    public void Short_form_names_every_setting()
    {
        var s = new SerialSettings(19200) { DataBits = 7, Parity = Parity.Odd, StopBits = StopBits.Two, FlowControl = FlowControl.RtsCts };
        Assert.Equal("19200 7O2 rts/cts", s.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(49)]
    [InlineData(4_000_001)]
    [InlineData(-9600)]
    public void Baud_rate_out_of_range_is_refused_with_the_range_and_the_value(int baud)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SerialSettings(baud));
        Assert.Equal(nameof(SerialSettings.BaudRate), ex.ParamName);
        Assert.Contains("between 50 and 4000000", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"(found {baud})", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(9)]
    public void Data_bits_outside_5_to_8_are_refused(int bits)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SerialSettings { DataBits = bits });
        Assert.Contains("must be 5, 6, 7 or 8", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"(found {bits})", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_enum_values_are_refused_with_the_allowed_names()
    {
        var parity = Assert.Throws<ArgumentOutOfRangeException>(() => new SerialSettings { Parity = (Parity)7 });
        Assert.Contains("None, Odd, Even, Mark, Space", parity.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SerialSettings { StopBits = (StopBits)3 });
        var flow = Assert.Throws<ArgumentOutOfRangeException>(() => new SerialSettings { FlowControl = (FlowControl)9 });
        Assert.Contains("None, XonXoff, RtsCts", flow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_compare_by_value()
    {
        Assert.Equal(new SerialSettings(115200), new SerialSettings { BaudRate = 115200 });
        Assert.NotEqual(new SerialSettings(115200), new SerialSettings(115200) { Parity = Parity.Even });
    }
}

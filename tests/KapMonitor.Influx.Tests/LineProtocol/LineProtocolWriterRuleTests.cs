using System.Buffers;
using System.Text;

namespace KapMonitor.Influx.Tests.LineProtocol;

public sealed class LineProtocolWriterRuleTests
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    private string Output => Encoding.UTF8.GetString(_buffer.WrittenSpan);

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    public void Line_breaks_are_rejected_everywhere_with_a_clear_message(string bad)
    {
        using var w = new LineProtocolWriter(_buffer);
        Assert.Contains("line break", Assert.Throws<ArgumentException>(() => w.Measurement(bad)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => w.Measurement("m").Tag(bad, "v"));
        Assert.Throws<ArgumentException>(() => w.Measurement("m").Tag("k", bad));
        Assert.Throws<ArgumentException>(() => w.Measurement("m").Field(bad, 1L));
        var ex = Assert.Throws<ArgumentException>(() => w.Measurement("m").Field("s", bad));
        Assert.Equal("value", ex.ParamName);
        Assert.Equal("", Output);
    }

    [Fact]
    public void Empty_tag_value_omits_the_tag() =>
        Assert.Equal("m,b=2 v=1i\n", Support.Lp.Write(w => w.Measurement("m").Tag("a", "").Tag("b", "2").Field("v", 1L).EndLine()));

    [Fact]
    public void Empty_names_are_rejected()
    {
        using var w = new LineProtocolWriter(_buffer);
        Assert.Throws<ArgumentException>(() => w.Measurement(""));
        Assert.Throws<ArgumentException>(() => w.Measurement("m").Tag("", "v"));
        Assert.Throws<ArgumentException>(() => w.Measurement("m").Field("", 1L));
        Assert.Throws<ArgumentException>(() => w.Measurement("m").Field("", double.NaN));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_doubles_are_rejected_and_the_line_discarded(double value)
    {
        using var w = new LineProtocolWriter(_buffer);
        w.Measurement("ok").Field("v", 1L).EndLine();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => w.Measurement("m").Tag("t", "x").Field("a", 1.0).Field("v", value));
        Assert.Contains("validity", ex.Message, StringComparison.Ordinal);
        Assert.False(w.IsLineOpen);
        w.Measurement("next").Field("v", 2L).EndLine();
        Assert.Equal("ok v=1i\nnext v=2i\n", Output);
    }

    [Theory]
    [InlineData("trailing\\")]
    [InlineData("a\\,b")]
    [InlineData("a\\=b")]
    [InlineData("a\\ b")]
    [InlineData("a\\\"b")]
    public void Ambiguous_backslashes_in_names_are_rejected(string name)
    {
        using var w = new LineProtocolWriter(_buffer);
        Assert.Contains("backslash", Assert.Throws<ArgumentException>(() => w.Measurement(name)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => w.Measurement("m").Tag(name, "v"));
        Assert.Throws<ArgumentException>(() => w.Measurement("m").Tag("k", name));
        Assert.Throws<ArgumentException>(() => w.Measurement("m").Field(name, 1L));
        Assert.Equal("", Output);
    }

    [Fact]
    public void Other_backslashes_are_kept_literally_as_influxdb_stores_them() =>
        Assert.Equal("C:\\dir,path=a\\\\b v=\"x\\\\y\"\n", Support.Lp.Write(w => w.Measurement("C:\\dir").Tag("path", "a\\\\b").Field("v", "x\\y").EndLine()));

    [Fact]
    public void Measurement_starting_with_hash_is_rejected_as_it_would_be_a_comment()
    {
        using var w = new LineProtocolWriter(_buffer);
        Assert.Contains("comment", Assert.Throws<ArgumentException>(() => w.Measurement("#m")).Message, StringComparison.Ordinal);
        Assert.Equal("m# v=1i\n", Support.Lp.Write(x => x.Measurement("m#").Field("v", 1L).EndLine()));
    }

    [Fact]
    public void Lone_surrogates_are_rejected_not_replaced()
    {
        using var w = new LineProtocolWriter(_buffer);
        Assert.Contains("UTF-16", Assert.Throws<ArgumentException>(() => w.Measurement("m").Field("s", "a\ud800b")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => w.Measurement("m\udc00"));
        Assert.Equal("", Output);
    }

    [Fact]
    public void Calls_out_of_order_are_contract_violations()
    {
        using var w = new LineProtocolWriter(_buffer);
        Assert.Throws<InvalidOperationException>(() => w.Tag("k", "v"));
        Assert.Throws<InvalidOperationException>(() => w.Field("k", 1L));
        Assert.Throws<InvalidOperationException>(() => w.EndLine());
        w.Measurement("m");
        Assert.Throws<InvalidOperationException>(() => w.EndLine(1));
        Assert.Throws<InvalidOperationException>(() => w.Measurement("again"));
        w.Field("v", 1L);
        Assert.Throws<InvalidOperationException>(() => w.Tag("late", "tag"));
        w.DiscardLine();
        Assert.Equal("", Output);
    }

    [Fact]
    public void Disposed_writer_refuses_work_but_keeps_completed_lines()
    {
        var w = new LineProtocolWriter(_buffer);
        w.Measurement("m").Field("v", 1L).EndLine();
        w.Dispose();
        w.Dispose();
        Assert.Throws<ObjectDisposedException>(() => w.Measurement("m"));
        Assert.Equal("m v=1i\n", Output);
    }
}

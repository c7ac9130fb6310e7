using System.Buffers;
using KapMonitor.Influx.Tests.Support;

namespace KapMonitor.Influx.Tests.LineProtocol;

public sealed class LineProtocolWriterGoldenTests
{
    [Fact]
    public void Verified_escaping_example_of_protocols_8_1_byte_for_byte()
    {
        // InfluxDB line protocol reference, checked on InfluxDB 1.6.7: measurement "my meas,x", tag "ta g=k"="v,a l=u", field "fi eld=k"="say "hi" \ done".
        string text = Lp.Write(w => w.Measurement("my meas,x")
            .Tag("ta g=k", "v,a l=u")
            .Field("fi eld=k", "say \"hi\" \\ done")
            .Field("n", -5L)
            .Field("b", true)
            .EndLine(1700000100), InfluxPrecision.Seconds);

        byte[] expected = Lp.Bytes("my\\ meas\\,x,ta\\ g\\=k=v\\,a\\ l\\=u fi\\ eld\\=k=\"say \\\"hi\\\" \\\\ done\",n=-5i,b=t 1700000100\n");
        Assert.Equal(expected, Lp.Bytes(text));
    }

    [Theory]
    [InlineData("a,b", "a\\,b")]
    [InlineData("a b", "a\\ b")]
    [InlineData("a=b", "a=b")]
    [InlineData("a\"b", "a\"b")]
    public void Measurement_escapes_comma_and_space_only(string name, string expected) =>
        Assert.Equal($"{expected} f=1i\n", Lp.Write(w => w.Measurement(name).Field("f", 1L).EndLine()));

    [Theory]
    [InlineData("k,1", "v", "k\\,1=v")]
    [InlineData("k=1", "v", "k\\=1=v")]
    [InlineData("k 1", "v", "k\\ 1=v")]
    [InlineData("k", "v,1", "k=v\\,1")]
    [InlineData("k", "v=1", "k=v\\=1")]
    [InlineData("k", "v 1", "k=v\\ 1")]
    [InlineData("k", "a\"b", "k=a\"b")]
    public void Tag_keys_and_values_escape_comma_equals_and_space(string key, string value, string expected) =>
        Assert.Equal($"m,{expected} f=1i\n", Lp.Write(w => w.Measurement("m").Tag(key, value).Field("f", 1L).EndLine()));

    [Theory]
    [InlineData("f,1", "f\\,1")]
    [InlineData("f=1", "f\\=1")]
    [InlineData("f 1", "f\\ 1")]
    public void Field_keys_escape_comma_equals_and_space(string key, string expected) =>
        Assert.Equal($"m {expected}=1i\n", Lp.Write(w => w.Measurement("m").Field(key, 1L).EndLine()));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("a,b=c d", "\"a,b=c d\"")]
    [InlineData("", "\"\"")]
    public void String_fields_escape_double_quote_and_backslash_only(string value, string expected) =>
        Assert.Equal($"m s={expected}\n", Lp.Write(w => w.Measurement("m").Field("s", value).EndLine()));

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(1.5, "1.5")]
    [InlineData(-1500.0, "-1500")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e20, "1E+20")]
    [InlineData(1.25e-7, "1.25E-07")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    public void Doubles_are_unsuffixed_shortest_round_trip(double value, string expected) =>
        Assert.Equal($"m v={expected}\n", Lp.Write(w => w.Measurement("m").Field("v", value).EndLine()));

    [Theory]
    [InlineData(0L, "0i")]
    [InlineData(-5L, "-5i")]
    [InlineData(long.MaxValue, "9223372036854775807i")]
    [InlineData(long.MinValue, "-9223372036854775808i")]
    public void Longs_get_the_i_suffix_never_u(long value, string expected) =>
        Assert.Equal($"m v={expected}\n", Lp.Write(w => w.Measurement("m").Field("v", value).EndLine()));

    [Fact]
    public void Booleans_are_t_and_f_and_int_arguments_pick_the_integer_overload() =>
        Assert.Equal("m a=t,b=f,c=3i\n", Lp.Write(w => w.Measurement("m").Field("a", true).Field("b", false).Field("c", 3).EndLine()));

    [Fact]
    public void Non_ascii_text_is_utf8() =>
        Assert.Equal(Lp.Bytes("séance,salle=Bâtiment\\ B note=\"😀 ok\" 1\n"),
            Lp.Bytes(Lp.Write(w => w.Measurement("séance").Tag("salle", "Bâtiment B").Field("note", "😀 ok").EndLine(1))));

    [Theory]
    [InlineData(InfluxPrecision.Nanoseconds, "1700000000123456700")]
    [InlineData(InfluxPrecision.Microseconds, "1700000000123456")]
    [InlineData(InfluxPrecision.Milliseconds, "1700000000123")]
    [InlineData(InfluxPrecision.Seconds, "1700000000")]
    public void Instants_convert_to_the_writer_precision(InfluxPrecision precision, string expected)
    {
        DateTimeOffset instant = DateTimeOffset.FromUnixTimeSeconds(1700000000).AddTicks(1234567);
        Assert.Equal($"m v=1i {expected}\n", Lp.Write(w => w.Measurement("m").Field("v", 1L).EndLine(instant), precision));
    }

    [Theory]
    [InlineData(InfluxPrecision.Seconds, "-2")]
    [InlineData(InfluxPrecision.Milliseconds, "-1500")]
    [InlineData(InfluxPrecision.Nanoseconds, "-1500000000")]
    public void Instants_before_the_epoch_truncate_toward_the_past(InfluxPrecision precision, string expected)
    {
        DateTimeOffset instant = DateTimeOffset.UnixEpoch.AddMilliseconds(-1500);
        Assert.Equal($"m v=1i {expected}\n", Lp.Write(w => w.Measurement("m").Field("v", 1L).EndLine(instant), precision));
    }

    [Fact]
    public void Instants_beyond_int64_nanoseconds_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LineProtocolTimestamp.From(new DateTimeOffset(2300, 1, 1, 0, 0, 0, TimeSpan.Zero), InfluxPrecision.Nanoseconds));
        var late = new DateTimeOffset(2303, 10, 30, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(late.ToUnixTimeSeconds(), LineProtocolTimestamp.From(late, InfluxPrecision.Seconds));
    }

    [Fact]
    public void Several_lines_append_in_order_and_are_counted()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new LineProtocolWriter(buffer);
        writer.Measurement("a").Field("v", 1L).EndLine(1);
        writer.Measurement("b").Tag("t", "x").Field("v", 2.5).EndLine();
        Assert.Equal("a v=1i 1\nb,t=x v=2.5\n", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(2, writer.LineCount);
        Assert.False(writer.IsLineOpen);
    }

    [Fact]
    public void Long_values_grow_the_line_buffer()
    {
        string big = new('x', 100_000);
        Assert.Equal($"m s=\"{big}\"\n", Lp.Write(w => w.Measurement("m").Field("s", big).EndLine()));
    }
}

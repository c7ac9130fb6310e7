using System.Text;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Masimo;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols.Masimo;

public sealed class MasimoAsciiTests
{
    // Sample lines from remkolems/masimo-datacapture and the Rad-8 manual.
    private const string Radical7Blue = "05/15/07 08:12:21 SN=0000070986 SPO2=---% BPM=--- PI=--.--% SPCO=--.-% SPMET=--.-% DESAT=-- PIDELTA=+-- PVI=--- ALARM=0000 EXC=000000\r\n";
    private const string Radical7Color = "03/17/16 19:19:36 SN=---------- SPO2=098% BPM=123 PI=00.55 SPCO=--% SPMET=--.-% SPHB=--.- SPOC=-- RESVD=--- DESAT=-- PIDELTA=+-- PVI=--- ALARM=000000 EXC=0000C00 EXC1=00000000\r\n";
    private const string Rad8 = "09/21/08 09:56:10 SpO2=000 PR=000 PI=00.00 EXC=828:Search,OffPat,SET\r\n";

    private static MasimoAsciiProtocol Create() => new(Feed.Context());

    private static byte[] Bytes(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void Dashes_mean_no_data()
    {
        var sink = Feed.All(Create(), Bytes(Radical7Blue));

        Assert.Equal(3, sink.Observations.Count);
        Assert.All(sink.Observations, o => Assert.Equal(Validity.Invalid, o.Validity));
        Assert.All(sink.Observations, o => Assert.True(double.IsNaN(o.Value)));
        Assert.Equal(new DateTimeOffset(2007, 5, 15, 8, 12, 21, TimeSpan.Zero), sink.Observations[0].DeviceTime);
    }

    [Fact]
    public void Color_line_with_low_signal_iq()
    {
        var sink = Feed.All(Create(), Bytes(Radical7Color));

        var spo2 = sink.Single(Metric.Spo2);
        Assert.Equal(98, spo2.Value);
        Assert.Equal(123, sink.Single(Metric.PulseRate).Value);
        Assert.Equal(0.55, sink.Single(Metric.PerfusionIndex).Value);
        Assert.Equal(ObservationFlags.PoorSignal, spo2.Flags); // EXC 0xC00 = Low SIQ + SET mode
        Assert.Equal(Validity.Questionable, spo2.Validity);
        Assert.Equal(new DateTimeOffset(2016, 3, 17, 19, 19, 36, TimeSpan.Zero), spo2.DeviceTime);
    }

    [Fact]
    public void Rad8_variant_keys_and_exception_text()
    {
        var sink = Feed.All(Create(), Bytes(Rad8));

        var spo2 = sink.Single(Metric.Spo2);
        Assert.Equal(ObservationFlags.Searching | ObservationFlags.ProbeOff, spo2.Flags & ~ObservationFlags.OutOfRange);
        Assert.Equal(Validity.Invalid, spo2.Validity);
        Assert.Equal(Validity.Invalid, sink.Single(Metric.PulseRate).Validity);
        Assert.Equal(
            [DeviceCondition.ProbeOff, DeviceCondition.Searching],
            sink.Statuses.Select(s => s.Condition));
    }

    [Theory]
    [InlineData(0x001, ObservationFlags.SensorDisconnected, Validity.Invalid)]
    [InlineData(0x002, ObservationFlags.SensorFault, Validity.Invalid)]
    [InlineData(0x004, ObservationFlags.LowPerfusion, Validity.Questionable)]
    [InlineData(0x008, ObservationFlags.Searching, Validity.Questionable)]
    [InlineData(0x010, ObservationFlags.Interference, Validity.Questionable)]
    [InlineData(0x020, ObservationFlags.ProbeOff, Validity.Invalid)]
    [InlineData(0x040, ObservationFlags.Interference, Validity.Questionable)]
    [InlineData(0x080, ObservationFlags.SensorFault, Validity.Invalid)]
    [InlineData(0x400, ObservationFlags.PoorSignal, Validity.Questionable)]
    [InlineData(0x800, ObservationFlags.None, Validity.Valid)]
    [InlineData(0x300, ObservationFlags.None, Validity.Valid)]
    public void Every_exception_bit(int exc, ObservationFlags flag, Validity validity)
    {
        var line = $"01/02/20 03:04:05 SPO2=097% BPM=070 PI=02.10% EXC={exc:X6}\r\n";

        var o = Feed.All(Create(), Bytes(line)).Single(Metric.Spo2);

        Assert.Equal(flag, o.Flags);
        Assert.Equal(validity, o.Validity);
    }

    [Fact]
    public void Unknown_keys_and_order_are_tolerated_and_lf_only_lines_work()
    {
        var sink = Feed.All(Create(), Bytes("FOO=1 PI=1.5 bpm=88 NEW=--- spo2=95\n"));

        Assert.Equal(95, sink.Single(Metric.Spo2).Value);
        Assert.Equal(88, sink.Single(Metric.PulseRate).Value);
        Assert.Null(sink.Single(Metric.Spo2).DeviceTime);
    }

    [Fact]
    public void Status_edges_only_on_change()
    {
        var line = "01/02/20 03:04:05 SPO2=097% BPM=070 EXC=000020\r\n";
        var clear = "01/02/20 03:04:06 SPO2=097% BPM=070 EXC=000000\r\n";

        var sink = Feed.All(Create(), Bytes(line + line + line + clear));

        Assert.Equal([true, false], sink.Statuses.Select(s => s.Active));
    }

    [Fact]
    public void Lines_without_metrics_are_malformed_and_blank_lines_ignored()
    {
        var sink = Feed.All(Create(), Bytes("\r\nHELLO WORLD\r\n" + Rad8));

        Assert.Equal(13, sink.ErrorBytes(ProtocolErrorKind.Malformed));
        Assert.Equal(3, sink.Observations.Count);
    }

    [Fact]
    public void Overlong_line_without_crlf_is_truncated_then_resyncs()
    {
        var junk = new string('X', 600);
        var sink = Feed.All(Create(), Bytes(junk + "\r\n" + Rad8));

        Assert.Equal(MasimoAsciiProtocol.MaxLineLength, sink.ErrorBytes(ProtocolErrorKind.Truncated));
        Assert.Equal(3, sink.Observations.Count);
    }

    [Fact]
    public void Partial_line_waits()
    {
        Assert.Equal(0, Create().Decode(Bytes(Rad8[..^2]), Feed.At, new RecordingSink()));
    }

    [Fact]
    public void Every_split_point_gives_identical_results()
    {
        Feed.AssertSplitInvariant(() => Create(), Bytes(Radical7Blue + Radical7Color + Rad8));
    }
}

using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Nonin;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols.Nonin;

public sealed class NoninDf8Tests
{
    private static NoninDf8Protocol Create() => new(Feed.Context());

    private static byte[] Frame(int hr, int spo2, byte status = 0x80, byte status2 = 0) =>
        [(byte)(status | ((hr >> 7) & 0x03)), (byte)(hr & 0x7F), (byte)spo2, status2];

    [Fact]
    public void Golden_frame()
    {
        // HR 300 = (2 << 7) | 44 → byte1 0x82, byte2 0x2C.
        var sink = Feed.All(Create(), Feed.Hex("82 2C 5F 00"));

        Assert.Equal(300, sink.Single(Metric.PulseRate).Value);
        Assert.Equal(95, sink.Single(Metric.Spo2).Value);
        Assert.Equal(Validity.Valid, sink.Single(Metric.Spo2).Validity);
    }

    [Theory]
    [InlineData(0x40, 0, ObservationFlags.ProbeOff, Validity.Invalid)]
    [InlineData(0x20, 0, ObservationFlags.OutOfTrack, Validity.Questionable)]
    [InlineData(0x10, 0, ObservationFlags.LowPerfusion, Validity.Questionable)]
    [InlineData(0x08, 0, ObservationFlags.MarginalPerfusion, Validity.Questionable)]
    [InlineData(0x04, 0, ObservationFlags.Artifact, Validity.Questionable)]
    [InlineData(0, 0x20, ObservationFlags.SmartPoint, Validity.Valid)]
    [InlineData(0, 0x08, ObservationFlags.SensorFault, Validity.Invalid)]
    [InlineData(0, 0x01, ObservationFlags.LowBattery, Validity.Valid)]
    public void Status_bits(byte status, byte status2, ObservationFlags flag, Validity validity)
    {
        var o = Feed.All(Create(), Frame(75, 96, (byte)(0x80 | status), status2)).Single(Metric.Spo2);

        Assert.Equal(flag, o.Flags);
        Assert.Equal(validity, o.Validity);
    }

    [Fact]
    public void Missing_values_are_invalid()
    {
        var sink = Feed.All(Create(), Frame(0x1FF, 0x7F));
        Assert.All(sink.Observations, o => Assert.True(double.IsNaN(o.Value)));
        Assert.All(sink.Observations, o => Assert.Equal(Validity.Invalid, o.Validity));
    }

    [Fact]
    public void Structure_bits_resync_after_garbage()
    {
        // 0x85 followed by a byte with bit7 set cannot start a frame.
        var data = Feed.Hex("85 90 00 7F").Concat(Frame(60, 97)).ToArray();

        var sink = Feed.All(Create(), data);

        Assert.Equal(4, sink.ErrorBytes(ProtocolErrorKind.Resync));
        Assert.Equal(60, sink.Single(Metric.PulseRate).Value);
    }

    [Fact]
    public void Edges_only_on_change()
    {
        var data = Frame(60, 97, 0xC0).Concat(Frame(60, 97, 0xC0)).Concat(Frame(60, 97)).ToArray();

        var sink = Feed.All(Create(), data);

        Assert.Equal([true, false], sink.Statuses.Select(s => s.Active));
        Assert.All(sink.Statuses, s => Assert.Equal(DeviceCondition.ProbeOff, s.Condition));
    }

    [Fact]
    public void Every_split_point_gives_identical_results()
    {
        var data = Feed.Hex("11 A0").Concat(Frame(60, 97)).Concat(Frame(0x1FF, 0x7F, 0xC4)).Concat(Frame(61, 98, 0x80, 0x01)).ToArray();
        Feed.AssertSplitInvariant(() => Create(), data);
    }
}

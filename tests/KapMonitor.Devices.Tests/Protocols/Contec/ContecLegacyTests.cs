using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Contec;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols.Contec;

public sealed class ContecLegacyTests
{
    private static ContecLegacyProtocol Create(int every = 1) => new(Feed.Context($$"""{"emitEveryPackets": {{every}}}"""));

    private static byte[] Packet(int pr, int spo2, byte b1 = 0x80, byte b3 = 0) =>
        [b1, 0x20, (byte)(b3 | ((pr >> 1) & 0x40)), (byte)(pr & 0x7F), (byte)spo2];

    [Fact]
    public void Reference_vector_all_zero_has_no_reading()
    {
        var sink = Feed.All(Create(), Feed.Hex("80 00 00 00 00"));

        Assert.All(sink.Observations, o => Assert.Equal(Validity.Invalid, o.Validity));
        Assert.All(sink.Observations, o => Assert.Equal(ObservationFlags.OutOfRange, o.Flags));
        Assert.Empty(sink.Statuses);
    }

    [Fact]
    public void Reference_vector_finger_out()
    {
        var sink = Feed.All(Create(), Feed.Hex("90 00 00 00 00"));

        Assert.All(sink.Observations, o => Assert.True(o.Flags.HasFlag(ObservationFlags.ProbeOff)));
        Assert.All(sink.Observations, o => Assert.Equal(Validity.Invalid, o.Validity));
        Assert.Equal(new DeviceStatusEvent("dev-1", DeviceCondition.ProbeOff, true, Feed.At), Assert.Single(sink.Statuses));
    }

    [Theory]
    [InlineData(72)]
    [InlineData(128)]
    [InlineData(200)]
    public void Pulse_rate_bit7_comes_from_byte3(int pr)
    {
        var sink = Feed.All(Create(), Packet(pr, 97));

        Assert.Equal(pr, sink.Single(Metric.PulseRate).Value);
        Assert.Equal(97, sink.Single(Metric.Spo2).Value);
        Assert.Equal(Validity.Valid, sink.Single(Metric.Spo2).Validity);
    }

    [Theory]
    [InlineData(0x80, 0x20, ObservationFlags.Searching, Validity.Questionable)]
    [InlineData(0x80, 0x10, ObservationFlags.ProbeOff, Validity.Invalid)]
    [InlineData(0x90, 0x00, ObservationFlags.ProbeOff, Validity.Invalid)]
    public void Status_bits(byte b1, byte b3, ObservationFlags flag, Validity validity)
    {
        var o = Feed.All(Create(), Packet(72, 97, b1, b3)).Single(Metric.Spo2);
        Assert.Equal(flag, o.Flags);
        Assert.Equal(validity, o.Validity);
    }

    [Fact]
    public void Sentinels_are_invalid()
    {
        var sink = Feed.All(Create(), Packet(0xFF, 0x7F));
        Assert.All(sink.Observations, o => Assert.True(o.Flags.HasFlag(ObservationFlags.NotANumber)));
    }

    [Fact]
    public void Throttle_emits_on_change_and_periodically()
    {
        var data = Enumerable.Repeat(Packet(72, 97), 10).SelectMany(p => p).Concat(Packet(73, 97)).ToArray();

        var sink = Feed.All(Create(every: 4), data);

        // packets 0, 4, 8 (periodic) and 10 (changed)
        Assert.Equal([72, 72, 72, 73], sink.Observations.Where(o => o.Metric == Metric.PulseRate).Select(o => o.Value));
    }

    [Fact]
    public void Garbage_resync_and_split_invariance()
    {
        var data = Feed.Hex("81 82 05 FF").Concat(Packet(72, 97)).Concat(Packet(72, 97, 0x90)).Concat(Packet(150, 92, 0x80, 0x20)).ToArray();

        var sink = Feed.All(Create(), data);
        Assert.Equal(4, sink.ErrorBytes(ProtocolErrorKind.Resync));
        Assert.Equal(6, sink.Observations.Count);

        Feed.AssertSplitInvariant(() => Create(), data);
    }
}

using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Nonin;
using KapMonitor.Devices.Tests.Protocols.Support;
using static KapMonitor.Devices.Tests.Protocols.Support.NoninFrames;

namespace KapMonitor.Devices.Tests.Protocols.Nonin;

public sealed class NoninDf7Tests
{
    private static NoninPacketProtocol Create(string? options = null) => new(Feed.Context(options), dataFormat7: true);

    [Fact]
    public void Packet_with_16_bit_pleth_yields_values()
    {
        var sink = Feed.All(Create(), Df7Packet(hr: 133, spo2: 94));

        Assert.Equal(133, sink.Single(Metric.PulseRate).Value);
        Assert.Equal(94, sink.Single(Metric.Spo2).Value);
        Assert.Equal("nonin-df7", Create().ProtocolId);
    }

    [Fact]
    public void Artifact_and_missing_values()
    {
        var sink = Feed.All(Create(), Df7Packet(0x1FF, 0x7F, 0xA0));

        Assert.All(sink.Observations, o => Assert.Equal(Validity.Invalid, o.Validity));
        Assert.All(sink.Observations, o => Assert.True(o.Flags.HasFlag(ObservationFlags.Artifact)));
    }

    [Fact]
    public void Bad_checksum_and_garbage_resync()
    {
        var bad = Df7Packet(70, 99);
        bad[4] ^= 0x01;
        var data = Feed.Hex("00 11 22").Concat(bad).Concat(Df7Packet(60, 95)).ToArray();

        var sink = Feed.All(Create(), data);

        // DF7 has no constant start byte, so bytes inside the bad frame may look like frame starts too.
        Assert.InRange(sink.ErrorBytes(ProtocolErrorKind.Checksum), 1, 5);
        Assert.Equal(60, sink.Single(Metric.PulseRate).Value);
    }

    [Fact]
    public void Every_split_point_gives_identical_results()
    {
        var data = Df7Packet(70, 99).Concat(Feed.Hex("05")).Concat(Df7Packet(71, 98, 0x90)).ToArray();
        Feed.AssertSplitInvariant(() => Create(), data);
    }

    [Fact]
    public void Set_format_requests_format_7()
    {
        var buffer = new byte[8];
        var n = Create("""{"setFormatOnOpen": true}""").WriteCommands(new ProtocolTick(TimeSpan.Zero, true, DeviceRequest.None), buffer);
        Assert.Equal(Feed.Hex("02 70 02 02 07 03"), buffer[..n]);
    }
}

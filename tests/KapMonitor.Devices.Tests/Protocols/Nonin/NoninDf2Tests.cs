using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Nonin;
using KapMonitor.Devices.Tests.Protocols.Support;
using static KapMonitor.Devices.Tests.Protocols.Support.NoninFrames;

namespace KapMonitor.Devices.Tests.Protocols.Nonin;

public sealed class NoninDf2Tests
{
    private static NoninPacketProtocol Create(string? options = null) => new(Feed.Context(options), dataFormat7: false);

    [Fact]
    public void Frame_layout_matches_reference_checksum()
    {
        // mattjlewis/NoninPulseOx: CHK = (B1+B2+B3+B4) mod 256.
        Assert.Equal(Feed.Hex("01 81 40 00 C2"), Df2Frame(0x81, 0x40, 0x00));
    }

    [Fact]
    public void Packet_yields_pulse_rate_and_spo2_once()
    {
        var sink = Feed.All(Create(), Df2Packet(hr: 72, spo2: 97));

        var pr = sink.Single(Metric.PulseRate);
        var spo2 = sink.Single(Metric.Spo2);
        Assert.Equal(72, pr.Value);
        Assert.Equal(97, spo2.Value);
        Assert.Equal(Validity.Valid, spo2.Validity);
        Assert.Equal("dev-1", spo2.DeviceId);
        Assert.Equal(Feed.At, spo2.ReceivedAt);
        Assert.Null(spo2.DeviceTime);
        Assert.Empty(sink.Errors);
        Assert.Empty(sink.Statuses);
    }

    [Theory]
    [InlineData(255)]
    [InlineData(128)]
    [InlineData(300)]
    public void Heart_rate_uses_seven_bit_packing(int hr)
    {
        var sink = Feed.All(Create(), Df2Packet(hr, 95));
        Assert.Equal(hr, sink.Single(Metric.PulseRate).Value);
    }

    [Fact]
    public void Missing_sentinels_are_invalid_nan()
    {
        var sink = Feed.All(Create(), Df2Packet(hr: 0x1FF, spo2: 0x7F));

        foreach (var o in sink.Observations)
        {
            Assert.Equal(Validity.Invalid, o.Validity);
            Assert.True(double.IsNaN(o.Value));
            Assert.True(o.Flags.HasFlag(ObservationFlags.NotANumber));
        }
    }

    [Theory]
    [InlineData(0x40, ObservationFlags.ProbeOff, Validity.Invalid, DeviceCondition.ProbeOff)]
    [InlineData(0x20, ObservationFlags.Artifact, Validity.Questionable, DeviceCondition.Artifact)]
    [InlineData(0x10, ObservationFlags.OutOfTrack, Validity.Questionable, DeviceCondition.OutOfTrack)]
    [InlineData(0x08, ObservationFlags.SensorFault, Validity.Invalid, DeviceCondition.SensorFault)]
    [InlineData(0x04, ObservationFlags.LowPerfusion, Validity.Questionable, DeviceCondition.LowPerfusion)]
    public void Status_bits_become_flags_validity_and_one_edge(byte bit, ObservationFlags flag, Validity validity, DeviceCondition condition)
    {
        var protocol = Create();
        var data = Df2Packet(80, 96, (byte)(0x80 | bit)).Concat(Df2Packet(80, 96, (byte)(0x80 | bit))).Concat(Df2Packet(80, 96)).ToArray();

        var sink = Feed.All(protocol, data);

        var first = sink.Observations[1];
        Assert.True(first.Flags.HasFlag(flag));
        Assert.Equal(validity, first.Validity);
        Assert.Equal(validity == Validity.Invalid, double.IsNaN(first.Value));
        Assert.Equal(Validity.Valid, sink.Observations[^1].Validity);
        Assert.Equal(
            [new DeviceStatusEvent("dev-1", condition, true, Feed.At), new DeviceStatusEvent("dev-1", condition, false, Feed.At)],
            sink.Statuses);
    }

    [Fact]
    public void Green_perfusion_is_no_flag_and_yellow_is_marginal()
    {
        Assert.Equal(ObservationFlags.None, Feed.All(Create(), Df2Packet(80, 96, 0x82)).Single(Metric.Spo2).Flags);
        var yellow = Feed.All(Create(), Df2Packet(80, 96, 0x86)).Single(Metric.Spo2);
        Assert.Equal(ObservationFlags.MarginalPerfusion, yellow.Flags);
        Assert.Equal(Validity.Questionable, yellow.Validity);
    }

    [Fact]
    public void Stat2_low_battery_and_smartpoint()
    {
        var sink = Feed.All(Create(), Df2Packet(80, 96, stat2: 0x21));

        Assert.Equal(ObservationFlags.LowBattery | ObservationFlags.SmartPoint, sink.Single(Metric.Spo2).Flags);
        Assert.Equal(Validity.Valid, sink.Single(Metric.Spo2).Validity);
        Assert.Equal([new DeviceStatusEvent("dev-1", DeviceCondition.LowBattery, true, Feed.At)], sink.Statuses);
    }

    [Fact]
    public void Frames_before_first_sync_are_skipped_silently()
    {
        var packet = Df2Packet(70, 99);
        var data = packet[^20..].Concat(packet).ToArray(); // tail of an earlier packet, then a full one

        var sink = Feed.All(Create(), data);

        Assert.Equal(70, sink.Single(Metric.PulseRate).Value);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public void Garbage_prefix_is_reported_as_resync_then_decodes()
    {
        var data = Feed.Hex("FF 00 13 37 80").Concat(Df2Packet(70, 99)).ToArray();

        var sink = Feed.All(Create(), data);

        Assert.Equal(5, sink.ErrorBytes(ProtocolErrorKind.Resync));
        Assert.Equal(99, sink.Single(Metric.Spo2).Value);
    }

    [Fact]
    public void Bad_checksum_drops_the_packet_and_resyncs_one_byte_later()
    {
        var bad = Df2Packet(70, 99);
        bad[5 * 3 + 4] ^= 0xFF; // corrupt CHK of frame 4
        var data = bad.Concat(Df2Packet(71, 98)).ToArray();

        var sink = Feed.All(Create(), data);

        Assert.Equal(1, sink.ErrorBytes(ProtocolErrorKind.Checksum));
        Assert.Equal(4, sink.ErrorBytes(ProtocolErrorKind.Resync));
        Assert.Equal(71, sink.Single(Metric.PulseRate).Value); // the damaged packet yields nothing
    }

    [Fact]
    public void Early_sync_reports_truncated_packet()
    {
        var data = Df2Packet(70, 99)[..50].Concat(Df2Packet(71, 98)).ToArray();

        var sink = Feed.All(Create(), data);

        Assert.Single(sink.Errors, e => e.Kind == ProtocolErrorKind.Truncated);
        Assert.Equal(71, sink.Single(Metric.PulseRate).Value);
    }

    [Fact]
    public void Partial_trailing_frame_is_left_unconsumed()
    {
        var data = Df2Packet(70, 99)[..12];
        Assert.Equal(10, Create().Decode(data, Feed.At, new RecordingSink()));
    }

    [Fact]
    public void Every_split_point_gives_identical_results()
    {
        var data = Feed.Hex("AA 01").Concat(Df2Packet(70, 99, 0xA0)).Concat(Df2Packet(0x1FF, 0x7F, 0xC0)).Concat(Df2Packet(64, 97)).ToArray();
        Feed.AssertSplitInvariant(() => Create(), data);
    }

    [Fact]
    public void Set_format_on_open_only_when_asked_and_nak_is_reported()
    {
        Span<byte> buffer = stackalloc byte[16];
        Assert.Equal(0, Create().WriteCommands(new ProtocolTick(TimeSpan.Zero, true, DeviceRequest.None), buffer));

        var protocol = Create("""{"setFormatOnOpen": true}""");
        var n = protocol.WriteCommands(new ProtocolTick(TimeSpan.Zero, true, DeviceRequest.None), buffer);
        Assert.Equal(Feed.Hex("02 70 02 02 02 03"), buffer[..n].ToArray());
        Assert.Equal(0, protocol.WriteCommands(new ProtocolTick(TimeSpan.FromSeconds(1), false, DeviceRequest.None), buffer));

        var sink = Feed.All(protocol, [NoninCommands.Nak, .. Df2Packet(70, 99)]);
        Assert.Empty(sink.Errors);
        var status = Assert.Single(sink.Statuses);
        Assert.Equal(DeviceCondition.CommandFailed, status.Condition);
        Assert.Equal(0x15, status.Code);
    }

    [Fact]
    public void Ack_after_set_format_is_not_junk()
    {
        var protocol = Create("""{"setFormatOnOpen": true}""");
        protocol.WriteCommands(new ProtocolTick(TimeSpan.Zero, true, DeviceRequest.None), new byte[16]);

        var sink = Feed.All(protocol, [NoninCommands.Ack, .. Df2Packet(70, 99)]);

        Assert.Empty(sink.Errors);
        Assert.Empty(sink.Statuses);
        Assert.Equal(2, sink.Observations.Count);
    }
}

using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Contec;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols.Contec;

public sealed class ContecV7Tests
{
    private static ContecV7Protocol Create(int every = 1) => new(Feed.Context($$"""{"emitEveryPackets": {{every}}}"""));

    /// <summary>Encodes a packet: hi byte carries bit7 of each data byte; data bytes get bit7 forced (timegrid/CMS50Dplus7).</summary>
    private static byte[] Packet(byte type, params byte[] data)
    {
        byte hi = 0x80;
        for (var i = 0; i < data.Length; i++)
        {
            hi |= (byte)(((data[i] >> 7) & 1) << i);
        }

        return [type, hi, .. data.Select(d => (byte)(d | 0x80))];
    }

    private static byte[] Realtime(int pr, int spo2, int pi = 250, byte d0 = 0x05, byte d1 = 0x30, byte d2 = 0x13) =>
        Packet(0x01, d0, d1, d2, (byte)pr, (byte)spo2, (byte)pi, (byte)(pi >> 8));

    [Fact]
    public void Start_command_matches_reference_and_keep_alive_is_paced()
    {
        var protocol = Create();
        var buffer = new byte[16];

        var n = protocol.WriteCommands(new ProtocolTick(TimeSpan.Zero, true, DeviceRequest.None), buffer);
        Assert.Equal(Feed.Hex("7D 81 A1 80 80 80 80 80 80"), buffer[..n]);

        Assert.Equal(0, protocol.WriteCommands(new ProtocolTick(TimeSpan.FromSeconds(3), false, DeviceRequest.None), buffer));
        n = protocol.WriteCommands(new ProtocolTick(TimeSpan.FromSeconds(4), false, DeviceRequest.None), buffer);
        Assert.Equal(Feed.Hex("7D 81 AF 80 80 80 80 80 80"), buffer[..n]);
        Assert.Equal(0, protocol.WriteCommands(new ProtocolTick(TimeSpan.FromSeconds(5), false, DeviceRequest.None), buffer));
        Assert.Equal(9, protocol.WriteCommands(new ProtocolTick(TimeSpan.FromSeconds(8), false, DeviceRequest.None), buffer));
        Assert.True(protocol.TickInterval <= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Streaming_is_restarted_when_real_time_data_stop_on_an_open_link()
    {
        var protocol = Create();
        var buffer = new byte[16];
        var start = Feed.Hex("7D 81 A1 80 80 80 80 80 80");
        var keepAlive = Feed.Hex("7D 81 AF 80 80 80 80 80 80");
        byte[] Tick(double seconds) => buffer[..protocol.WriteCommands(new ProtocolTick(TimeSpan.FromSeconds(seconds), seconds == 0, DeviceRequest.None), buffer)];

        Assert.Equal(start, Tick(0));
        Feed.All(protocol, Realtime(pr: 70, spo2: 97));
        Assert.Empty(Tick(1));            // data seen at 1 s
        Assert.Equal(keepAlive, Tick(5));
        Assert.Empty(Tick(6.5));          // 5.5 s of silence: not yet
        Assert.Equal(start, Tick(7));     // 6 s of silence: the device stopped, start it again
        Assert.Empty(Tick(8));
        Assert.Equal(keepAlive, Tick(12)); // still silent, but the last start was only 5 s ago
        Assert.Equal(start, Tick(13));
    }

    [Fact]
    public void Realtime_packet_restores_bit7_from_hi_byte()
    {
        var bytes = Realtime(pr: 200, spo2: 97, pi: 0x0123);
        Assert.Equal(Feed.Hex("01 88 85 B0 93 C8 E1 A3 81"), bytes);

        var sink = Feed.All(Create(), bytes);

        Assert.Equal(200, sink.Single(Metric.PulseRate).Value);
        Assert.Equal(97, sink.Single(Metric.Spo2).Value);
        Assert.Equal(2.91, sink.Single(Metric.PerfusionIndex).Value);
        Assert.All(sink.Observations, o => Assert.Equal(Validity.Valid, o.Validity));
    }

    [Fact]
    public void Invalid_markers()
    {
        var sink = Feed.All(Create(), Realtime(pr: 0xFF, spo2: 0x7F, pi: 0xFFFF));
        Assert.All(sink.Observations, o => Assert.Equal(Validity.Invalid, o.Validity));

        var piNotValid = Feed.All(Create(), Realtime(70, 97, 100, d2: 0x03));
        Assert.Equal(Validity.Invalid, piNotValid.Single(Metric.PerfusionIndex).Validity);
        Assert.Equal(Validity.Valid, piNotValid.Single(Metric.Spo2).Validity);
    }

    [Theory]
    [InlineData(0x85, 0x30, ObservationFlags.ProbeOff, Validity.Invalid)]
    [InlineData(0x15, 0x30, ObservationFlags.Searching, Validity.Questionable)]
    [InlineData(0x05, 0xB0, ObservationFlags.Searching, Validity.Questionable)]
    [InlineData(0x65, 0x30, ObservationFlags.None, Validity.Valid)]
    public void Status_bits(byte d0, byte d1, ObservationFlags flag, Validity validity)
    {
        var o = Feed.All(Create(), Realtime(70, 97, d0: d0, d1: d1)).Single(Metric.Spo2);
        Assert.Equal(flag, o.Flags);
        Assert.Equal(validity, o.Validity);
    }

    [Fact]
    public void Disconnect_notice_is_a_status()
    {
        var sink = Feed.All(Create(), Packet(0x0D, 0x02, 0, 0, 0, 0, 0, 0));
        var status = Assert.Single(sink.Statuses);
        Assert.Equal(DeviceCondition.Disconnected, status.Condition);
        Assert.Equal(2, status.Code);
    }

    [Fact]
    public void Unknown_types_are_skipped_and_cut_packets_reported()
    {
        var cut = Realtime(70, 97)[..5];
        var data = Packet(0x0F, 1, 2, 3, 4, 5, 6, 7).Concat(cut).Concat(Realtime(71, 96)).ToArray();

        var sink = Feed.All(Create(), data);

        Assert.Equal(5, sink.ErrorBytes(ProtocolErrorKind.Truncated));
        Assert.Empty(sink.Statuses);
        Assert.Equal(71, sink.Single(Metric.PulseRate).Value);
    }

    [Fact]
    public void Garbage_resync_and_split_invariance()
    {
        var data = Feed.Hex("FF FE").Concat(Realtime(70, 97)).Concat(Realtime(70, 97, d0: 0x85)).Concat(Packet(0x0D, 0x01, 0, 0, 0, 0, 0, 0)).Concat(Realtime(72, 98)).ToArray();

        var sink = Feed.All(Create(), data);
        Assert.Equal(2, sink.ErrorBytes(ProtocolErrorKind.Resync));

        Feed.AssertSplitInvariant(() => Create(), data);
    }
}

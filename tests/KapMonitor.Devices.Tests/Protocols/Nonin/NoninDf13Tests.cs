using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Nonin;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols.Nonin;

public sealed class NoninDf13Tests
{
    private static NoninDf13Protocol Create() => new(Feed.Context());

    /// <summary>Builds a DF13 record from the mattjlewis/NoninPulseOx layout; data = 14 bytes (+ extra).</summary>
    private static byte[] Record(int hr, int spo2, int status = 0, byte[]? extra = null, byte month = 11)
    {
        byte[] data = [20, 26, month, 21, 9, 30, 15, 0, (byte)(status >> 8), (byte)status, (byte)(hr >> 8), (byte)hr, 0, (byte)spo2, .. extra ?? []];
        var sum = (byte)data.Sum(b => b);
        return [0x00, 0x02, 0x00, 0x01, (byte)(data.Length >> 8), (byte)data.Length, .. data, sum, 0x03];
    }

    [Fact]
    public void Golden_record_with_device_time()
    {
        var bytes = Feed.Hex("00 02 00 01 00 0E 14 1A 0B 15 09 1E 0F 00 02 00 00 48 00 61 2F 03");
        Assert.Equal(Record(72, 97, 0x0200), bytes);

        var sink = Feed.All(Create(), bytes);

        var spo2 = sink.Single(Metric.Spo2);
        Assert.Equal(97, spo2.Value);
        Assert.Equal(72, sink.Single(Metric.PulseRate).Value);
        Assert.Equal(ObservationFlags.SmartPoint, spo2.Flags);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 30, 15, TimeSpan.Zero), spo2.DeviceTime);
    }

    [Fact]
    public void Missing_values_and_no_measurement_are_invalid()
    {
        var sink = Feed.All(Create(), Record(0x1FF, 0x7F));
        Assert.All(sink.Observations, o => Assert.Equal(Validity.Invalid, o.Validity));

        var none = Feed.All(Create(), Record(72, 97, 0x0100));
        Assert.All(none.Observations, o => Assert.Equal(Validity.Invalid, o.Validity));
        Assert.All(none.Observations, o => Assert.True(o.Flags.HasFlag(ObservationFlags.NotANumber)));
    }

    [Fact]
    public void Memory_and_battery_flags()
    {
        var sink = Feed.All(Create(), Record(72, 97, 0x0011));

        Assert.Equal(ObservationFlags.FromMemory | ObservationFlags.LowBattery, sink.Single(Metric.Spo2).Flags);
        Assert.Equal(DeviceCondition.LowBattery, Assert.Single(sink.Statuses).Condition);
    }

    [Fact]
    public void Extra_data_bytes_are_accepted()
    {
        var sink = Feed.All(Create(), Record(72, 97, extra: [1, 2, 3]));
        Assert.Equal(2, sink.Observations.Count);
    }

    [Fact]
    public void Impossible_date_gives_no_device_time()
    {
        Assert.Null(Feed.All(Create(), Record(72, 97, month: 13)).Single(Metric.Spo2).DeviceTime);
    }

    [Fact]
    public void Bad_checksum_missing_etx_and_bad_length_are_reported()
    {
        var bad = Record(72, 97);
        bad[^2] ^= 1;
        var noEtx = Record(72, 97);
        noEtx[^1] = 0x04;
        byte[] badLength = [0x00, 0x02, 0x00, 0x01, 0xFF, 0xFF];
        var data = bad.Concat(noEtx).Concat(badLength).Concat(Record(60, 95)).ToArray();

        var sink = Feed.All(Create(), data);

        Assert.Equal(1, sink.ErrorBytes(ProtocolErrorKind.Checksum));
        Assert.Equal(1, sink.ErrorBytes(ProtocolErrorKind.Truncated));
        Assert.Equal(1, sink.ErrorBytes(ProtocolErrorKind.Malformed));
        Assert.Equal(60, sink.Single(Metric.PulseRate).Value);
    }

    [Fact]
    public void Partial_record_waits()
    {
        var record = Record(72, 97);
        Assert.Equal(0, Create().Decode(record[..^1], Feed.At, new RecordingSink()));
    }

    [Fact]
    public void Every_split_point_gives_identical_results()
    {
        var data = Feed.Hex("FF 06").Concat(Record(72, 97)).Concat(Record(0x1FF, 0x7F, 0x0001)).Concat(Record(70, 96)).ToArray();
        Feed.AssertSplitInvariant(() => Create(), data);
    }
}

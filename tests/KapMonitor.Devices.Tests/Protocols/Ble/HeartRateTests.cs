using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class HeartRateTests
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("00 48", 72, false)]
    [InlineData("01 48 00", 72, true)]
    [InlineData("01 2C 01", 300, true)]
    [InlineData("E0 48", 72, false)] // RFU flag bits ignored
    public void Heart_rate_uint8_and_uint16(string hex, int rate, bool wide)
    {
        var bytes = BleHex.Bytes(hex);

        Assert.True(HeartRateMeasurement.TryParse(bytes, out var m));
        Assert.Equal(rate, m.HeartRate);
        Assert.Equal(wide, m.WideFormat);
        Assert.True(m.RrIntervals.IsEmpty);
        Assert.Null(m.EnergyExpended);

        var sink = new BleRecordingSink();
        Assert.Equal(bytes.Length, new HeartRateProtocol("hr").Decode(bytes, s_receivedAt, sink));
        var o = Assert.Single(sink.Observations);
        Assert.Equal(Metric.HeartRate, o.Metric);
        Assert.Equal(rate, o.Value);
        Assert.Equal(Validity.Valid, o.Validity);
        Assert.Empty(sink.Statuses);
    }

    [Fact]
    public void Energy_and_rr_intervals_are_parsed()
    {
        // flags: uint8, contact detected (3 << 1), energy, RR; HR 64; energy 0x0123 kJ; RR 1024 (1 s) and 960.
        var bytes = BleHex.Bytes("1E 40 23 01 00 04 C0 03");

        Assert.True(HeartRateMeasurement.TryParse(bytes, out var m));
        Assert.Equal(64, m.HeartRate);
        Assert.Equal(HeartRateSensorContact.InContact, m.SensorContact);
        Assert.Equal((ushort)0x0123, m.EnergyExpended);
        Assert.Equal(new ushort[] { 1024, 960 }, m.RrIntervals.ToArray());
        Assert.Equal(1.0, HeartRateMeasurement.RrIntervalToSeconds(m.RrIntervals.Span[0]));
        Assert.Equal(0.9375, HeartRateMeasurement.RrIntervalToSeconds(m.RrIntervals.Span[1]));
        Assert.Equal(bytes, BleEncoders.Encode(m));
    }

    [Theory]
    [InlineData("10 40 00 04 C0")] // odd RR field
    [InlineData("10 40 00 04 C0 03 00")] // odd RR field
    public void Odd_rr_field_is_malformed(string hex)
    {
        var bytes = BleHex.Bytes(hex);
        Assert.False(HeartRateMeasurement.TryParse(bytes, out _, out var error));
        Assert.Equal(ProtocolErrorKind.Malformed, error.Kind);

        var sink = new BleRecordingSink();
        Assert.Equal(bytes.Length, new HeartRateProtocol("hr").Decode(bytes, s_receivedAt, sink));
        Assert.Empty(sink.Observations);
        Assert.Equal(ProtocolErrorKind.Malformed, Assert.Single(sink.Errors).Kind);
    }

    [Theory]
    [InlineData("00")]
    [InlineData("01 48")]
    [InlineData("08 48 01")]
    [InlineData("09 48 00 01")]
    [InlineData("10 48")]
    [InlineData("18 48 01 00")]
    [InlineData("19 48 00 01 00")]
    public void Truncated_values_are_rejected(string hex)
    {
        var bytes = BleHex.Bytes(hex);
        var sink = new BleRecordingSink();

        Assert.Equal(bytes.Length, new HeartRateProtocol("hr").Decode(bytes, s_receivedAt, sink));

        Assert.Empty(sink.Observations);
        Assert.Equal(ProtocolErrorKind.Truncated, Assert.Single(sink.Errors).Kind);
    }

    [Fact]
    public void Every_truncation_of_a_full_value_is_an_error()
    {
        // Heart rate uint16, energy, one RR interval: cutting any byte leaves the value short or the RR field odd/empty.
        var bytes = BleHex.Bytes("19 48 00 10 00 00 04");
        for (int length = 1; length < bytes.Length; length++)
        {
            var sink = new BleRecordingSink();
            Assert.Equal(length, new HeartRateProtocol("hr").Decode(bytes.AsSpan(0, length), s_receivedAt, sink));
            Assert.Empty(sink.Observations);
            Assert.Single(sink.Errors);
        }
    }

    public static TheoryData<int> AllFlagCombinations()
    {
        var data = new TheoryData<int>();
        for (int flags = 0; flags < 32; flags++)
        {
            data.Add(flags);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllFlagCombinations))]
    public void Every_flags_combination_parses_encodes_and_rejects_truncation(int flags)
    {
        // Written out independently of the encoder: HR 72 (uint8 "48" or uint16 "48 00"), energy 0x0102, one RR of 800.
        string hex = $"{flags:X2} {((flags & 1) != 0 ? "48 00" : "48")}"
            + ((flags & 8) != 0 ? " 02 01" : "")
            + ((flags & 16) != 0 ? " 20 03" : "");
        var bytes = BleHex.Bytes(hex);

        Assert.True(HeartRateMeasurement.TryParse(bytes, out var m));
        Assert.Equal(72, m.HeartRate);
        Assert.Equal((flags & 1) != 0, m.WideFormat);
        Assert.Equal((HeartRateSensorContact)((flags >> 1) & 3), m.SensorContact);
        Assert.Equal((flags & 8) != 0 ? (ushort)0x0102 : null, m.EnergyExpended);
        Assert.Equal((flags & 16) != 0 ? new ushort[] { 800 } : [], m.RrIntervals.ToArray());
        Assert.Equal(bytes, BleEncoders.Encode(m));

        var sink = new BleRecordingSink();
        new HeartRateProtocol("hr").Decode(bytes, s_receivedAt, sink);
        bool noContact = ((flags >> 1) & 3) == 2;
        Assert.Equal(noContact ? Validity.Invalid : Validity.Valid, Assert.Single(sink.Observations).Validity);
        Assert.Equal(noContact ? 1 : 0, sink.Statuses.Count);

        for (int length = 1; length < bytes.Length; length++)
        {
            sink = new BleRecordingSink();
            Assert.Equal(length, new HeartRateProtocol("hr").Decode(bytes.AsSpan(0, length), s_receivedAt, sink));
            Assert.Empty(sink.Observations);
            Assert.Empty(sink.Statuses);
            Assert.Single(sink.Errors);
        }
    }

    [Fact]
    public void No_sensor_contact_is_invalid_probe_off_with_edges()
    {
        var protocol = new HeartRateProtocol("hr");
        var sink = new BleRecordingSink();

        protocol.Decode(BleHex.Bytes("06 48"), s_receivedAt, sink); // contact detected
        Assert.Equal(Validity.Valid, Assert.Single(sink.Observations).Validity);
        Assert.Empty(sink.Statuses);

        sink.Clear();
        protocol.Decode(BleHex.Bytes("04 00"), s_receivedAt, sink); // supported, no contact
        var o = Assert.Single(sink.Observations);
        Assert.Equal(Validity.Invalid, o.Validity);
        Assert.Equal(ObservationFlags.ProbeOff, o.Flags);
        Assert.True(double.IsNaN(o.Value));
        var began = Assert.Single(sink.Statuses);
        Assert.Equal((DeviceCondition.ProbeOff, true, "hr"), (began.Condition, began.Active, began.DeviceId));

        sink.Clear();
        protocol.Decode(BleHex.Bytes("04 00"), s_receivedAt, sink);
        Assert.Empty(sink.Statuses);

        sink.Clear();
        protocol.Decode(BleHex.Bytes("06 46"), s_receivedAt, sink);
        Assert.Equal(70.0, Assert.Single(sink.Observations).Value);
        var ended = Assert.Single(sink.Statuses);
        Assert.Equal((DeviceCondition.ProbeOff, false), (ended.Condition, ended.Active));
    }

    [Fact]
    public void Uint8_encoder_refuses_rates_above_255()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BleEncoders.Encode(new HeartRateMeasurement(300)));
        Assert.Equal(BleHex.Bytes("01 2C 01"), BleEncoders.Encode(new HeartRateMeasurement(300, WideFormat: true)));
    }
}

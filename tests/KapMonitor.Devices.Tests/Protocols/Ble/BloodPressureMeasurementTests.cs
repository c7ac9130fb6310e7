using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class BloodPressureMeasurementTests
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    // Field bytes used to assemble the golden vector of every flags combination, written out independently of the
    // encoder (BLS v1.0 layout, Bluetooth SIG Blood Pressure Measurement 0x2A35).
    private const string MmHgPressures = "78 00 50 00 5D 00"; // 120 / 80 / 93
    private const string KpaPressures = "A0 F0 6B F0 7C F0"; // 16.0 / 10.7 / 12.4 kPa (exponent −1)
    private const string TimeStamp = "DD 07 08 1A 09 0A 14"; // 2013-08-26 09:10:20
    private const string PulseRate = "48 00"; // 72
    private const string UserId = "03";
    private const string Status = "05 00"; // body movement + irregular pulse

    public static TheoryData<int> AllFlagCombinations()
    {
        var data = new TheoryData<int>();
        for (int flags = 0; flags < 32; flags++)
        {
            data.Add(flags);
        }

        return data;
    }

    private static byte[] Golden(int flags)
    {
        string hex = $"{flags:X2} {((flags & 1) != 0 ? KpaPressures : MmHgPressures)}"
            + ((flags & 2) != 0 ? " " + TimeStamp : "")
            + ((flags & 4) != 0 ? " " + PulseRate : "")
            + ((flags & 8) != 0 ? " " + UserId : "")
            + ((flags & 16) != 0 ? " " + Status : "");
        return BleHex.Bytes(hex);
    }

    private static int ExpectedLength(int flags) =>
        7 + ((flags & 2) != 0 ? 7 : 0) + ((flags & 4) != 0 ? 2 : 0) + ((flags & 8) != 0 ? 1 : 0) + ((flags & 16) != 0 ? 2 : 0);

    [Fact]
    public void Derived_vector_is_120_over_80_map_93_pulse_72()
    {
        var bytes = BleHex.Bytes("04 78 00 50 00 5D 00 48 00");

        Assert.True(BloodPressureMeasurement.TryParse(bytes, out var m));
        Assert.Equal(BloodPressureUnit.MillimetreOfMercury, m.Unit);
        Assert.Equal(120.0, m.Systolic.Value);
        Assert.Equal(80.0, m.Diastolic.Value);
        Assert.Equal(93.0, m.MeanArterialPressure.Value);
        Assert.Equal(72.0, m.PulseRate!.Value.Value);
        Assert.Null(m.TimeStamp);
        Assert.Null(m.UserId);
        Assert.Null(m.Status);

        var encoded = BleEncoders.Encode(new BloodPressureMeasurement(
            BloodPressureUnit.MillimetreOfMercury, Sfloat.FromInteger(120), Sfloat.FromInteger(80), Sfloat.FromInteger(93), PulseRate: Sfloat.FromInteger(72)));
        Assert.Equal(bytes, encoded);
    }

    [Fact]
    public void Derived_vector_decodes_to_observations()
    {
        var sink = new BleRecordingSink();
        var bytes = BleHex.Bytes("04 78 00 50 00 5D 00 48 00");

        int consumed = new BloodPressureMeasurementProtocol("cuff-1").Decode(bytes, s_receivedAt, sink);

        Assert.Equal(bytes.Length, consumed);
        Assert.Empty(sink.Errors);
        Assert.Empty(sink.Statuses);
        Assert.Equal([Metric.Systolic, Metric.Diastolic, Metric.MeanArterial, Metric.HeartRate], sink.Observations.Select(o => o.Metric));
        Assert.Equal([120.0, 80.0, 93.0, 72.0], sink.Observations.Select(o => o.Value));
        Assert.All(sink.Observations, o =>
        {
            Assert.Equal("cuff-1", o.DeviceId);
            Assert.Equal(Validity.Valid, o.Validity);
            Assert.Equal(ObservationFlags.None, o.Flags);
            Assert.Equal(s_receivedAt, o.ReceivedAt);
            Assert.Null(o.DeviceTime);
            Assert.Null(o.OriginalValue);
        });
    }

    [Fact]
    public void Full_value_with_every_field()
    {
        var bytes = BleHex.Bytes("1E 78 00 50 00 5D 00 DD 07 08 1A 09 0A 14 48 00 FF 2F 00");

        Assert.True(BloodPressureMeasurement.TryParse(bytes, out var m));
        Assert.Equal(BloodPressureMeasurement.MaxSize, bytes.Length);
        Assert.Equal(new GattDateTime(2013, 8, 26, 9, 10, 20), m.TimeStamp);
        Assert.Equal(BloodPressureMeasurement.UnknownUserId, m.UserId);
        Assert.Equal(
            BloodPressureMeasurementStatus.BodyMovement | BloodPressureMeasurementStatus.IrregularPulse
            | BloodPressureMeasurementStatus.PulseRateExceedsUpperLimit | BloodPressureMeasurementStatus.ImproperPosition
            | BloodPressureMeasurementStatus.CuffTooLoose,
            m.Status);
        Assert.Equal(bytes, BleEncoders.Encode(m));
    }

    [Theory]
    [MemberData(nameof(AllFlagCombinations))]
    public void Every_flags_combination_parses_and_encodes_byte_exact(int flags)
    {
        var bytes = Golden(flags);
        Assert.Equal(ExpectedLength(flags), bytes.Length);
        Assert.Equal(bytes.Length, BloodPressureMeasurement.GetLength((byte)flags));

        Assert.True(BloodPressureMeasurement.TryParse(bytes, out var m));
        bool kpa = (flags & 1) != 0;
        Assert.Equal(kpa ? BloodPressureUnit.Kilopascal : BloodPressureUnit.MillimetreOfMercury, m.Unit);
        Assert.Equal(kpa ? 16.0 : 120.0, m.Systolic.Value);
        Assert.Equal(kpa ? 10.7 : 80.0, m.Diastolic.Value);
        Assert.Equal(kpa ? 12.4 : 93.0, m.MeanArterialPressure.Value);
        Assert.Equal((flags & 2) != 0 ? new GattDateTime(2013, 8, 26, 9, 10, 20) : null, m.TimeStamp);
        Assert.Equal((flags & 4) != 0 ? Sfloat.FromInteger(72) : null, m.PulseRate);
        Assert.Equal((flags & 8) != 0 ? (byte)3 : null, m.UserId);
        Assert.Equal((flags & 16) != 0 ? BloodPressureMeasurementStatus.BodyMovement | BloodPressureMeasurementStatus.IrregularPulse : null, m.Status);
        Assert.Equal((byte)flags, m.Flags);
        Assert.Equal(bytes.Length, m.EncodedLength);
        Assert.Equal(bytes, BleEncoders.Encode(m));
    }

    [Theory]
    [MemberData(nameof(AllFlagCombinations))]
    public void Every_flags_combination_decodes_to_the_right_observations(int flags)
    {
        var sink = new BleRecordingSink();
        var bytes = Golden(flags);

        Assert.Equal(bytes.Length, new BloodPressureMeasurementProtocol("cuff").Decode(bytes, s_receivedAt, sink));

        Assert.Empty(sink.Errors);
        bool kpa = (flags & 1) != 0;
        bool status = (flags & 16) != 0;
        var expectedMetrics = new List<Metric> { Metric.Systolic, Metric.Diastolic, Metric.MeanArterial };
        if ((flags & 4) != 0)
        {
            expectedMetrics.Add(Metric.HeartRate);
        }

        Assert.Equal(expectedMetrics, sink.Observations.Select(o => o.Metric));
        DateTimeOffset? deviceTime = (flags & 2) != 0 ? new DateTimeOffset(2013, 8, 26, 9, 10, 20, TimeSpan.Zero) : null;
        foreach (var o in sink.Observations)
        {
            Assert.Equal(deviceTime, o.DeviceTime);
            Assert.Equal(status ? Validity.Questionable : Validity.Valid, o.Validity);
            var statusFlags = status ? ObservationFlags.BodyMovement | ObservationFlags.IrregularPulse : ObservationFlags.None;
            var converted = kpa && o.Metric != Metric.HeartRate ? ObservationFlags.Converted : ObservationFlags.None;
            Assert.Equal(statusFlags | converted, o.Flags);
        }

        var systolic = sink.Single(Metric.Systolic);
        Assert.Equal(kpa ? 16.0 * 7.50062 : 120.0, systolic.Value, 9);
        Assert.Equal(kpa ? 16.0 : null, systolic.OriginalValue);
        Assert.Equal(kpa ? "kPa" : null, systolic.OriginalUnit);
    }

    [Theory]
    [MemberData(nameof(AllFlagCombinations))]
    public void Every_truncation_of_every_combination_is_rejected(int flags)
    {
        var bytes = Golden(flags);
        for (int length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes.AsSpan(0, length);
            Assert.False(BloodPressureMeasurement.TryParse(prefix, out _, out var error));
            Assert.Equal(ProtocolErrorKind.Truncated, error.Kind);
            Assert.Equal(length, error.ByteCount);

            if (length == 0)
            {
                continue; // An empty message is nothing to decode (GattCharacteristicProtocol.Decode).
            }

            foreach (IDeviceProtocol protocol in new IDeviceProtocol[] { new BloodPressureMeasurementProtocol("cuff"), new IntermediateCuffPressureProtocol("cuff") })
            {
                var sink = new BleRecordingSink();
                Assert.Equal(length, protocol.Decode(prefix, s_receivedAt, sink));
                Assert.Empty(sink.Observations);
                Assert.Empty(sink.Statuses);
                var reported = Assert.Single(sink.Errors);
                Assert.Equal(ProtocolErrorKind.Truncated, reported.Kind);
                Assert.Equal(length, reported.ByteCount);
            }
        }
    }

    [Fact]
    public void Rfu_flag_bits_and_trailing_bytes_are_ignored()
    {
        var bytes = BleHex.Bytes("E4 78 00 50 00 5D 00 48 00 AA BB");

        Assert.True(BloodPressureMeasurement.TryParse(bytes, out var m));
        Assert.Equal(72.0, m.PulseRate!.Value.Value);
        Assert.Equal((byte)0x04, m.Flags);
    }

    [Fact]
    public void Empty_input_consumes_nothing_and_reports_nothing()
    {
        var sink = new BleRecordingSink();

        Assert.Equal(0, new BloodPressureMeasurementProtocol("cuff").Decode([], s_receivedAt, sink));
        Assert.Empty(sink.Observations);
        Assert.Empty(sink.Errors);
    }
}

using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class BloodPressureMeasurementProtocolTests
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    private static BleRecordingSink Decode(BloodPressureMeasurement value, TimeSpan clockOffset = default)
    {
        var sink = new BleRecordingSink();
        var bytes = BleEncoders.Encode(value);
        Assert.Equal(bytes.Length, new BloodPressureMeasurementProtocol("cuff", clockOffset).Decode(bytes, s_receivedAt, sink));
        Assert.Empty(sink.Errors);
        return sink;
    }

    private static BloodPressureMeasurement Mmhg(int systolic, int diastolic, int map, int? pulse = null, BloodPressureMeasurementStatus? status = null) =>
        new(BloodPressureUnit.MillimetreOfMercury, Sfloat.FromInteger(systolic), Sfloat.FromInteger(diastolic), Sfloat.FromInteger(map),
            PulseRate: pulse is { } p ? Sfloat.FromInteger(p) : null, Status: status);

    [Fact]
    public void Kilopascal_values_are_converted_to_mmhg_and_the_original_kept()
    {
        var sink = Decode(new BloodPressureMeasurement(
            BloodPressureUnit.Kilopascal, Sfloat.Create(160, -1), Sfloat.Create(107, -1), Sfloat.Create(124, -1), PulseRate: Sfloat.FromInteger(60)));

        var systolic = sink.Single(Metric.Systolic);
        Assert.Equal(120.00992, systolic.Value, 9);
        Assert.Equal(16.0, systolic.OriginalValue);
        Assert.Equal("kPa", systolic.OriginalUnit);
        Assert.Equal(ObservationFlags.Converted, systolic.Flags);
        Assert.Equal("mm[Hg]", systolic.Unit);
        Assert.Equal(10.7 * 7.50062, sink.Single(Metric.Diastolic).Value, 9);
        Assert.Equal(12.4 * 7.50062, sink.Single(Metric.MeanArterial).Value, 9);

        var pulse = sink.Single(Metric.HeartRate);
        Assert.Equal(60.0, pulse.Value);
        Assert.Equal(ObservationFlags.None, pulse.Flags);
        Assert.Null(pulse.OriginalUnit);
    }

    [Theory]
    [InlineData(BloodPressureMeasurementStatus.BodyMovement, ObservationFlags.BodyMovement, Validity.Questionable)]
    [InlineData(BloodPressureMeasurementStatus.CuffTooLoose, ObservationFlags.CuffLoose, Validity.Questionable)]
    [InlineData(BloodPressureMeasurementStatus.ImproperPosition, ObservationFlags.ImproperPosition, Validity.Questionable)]
    [InlineData(BloodPressureMeasurementStatus.IrregularPulse, ObservationFlags.IrregularPulse, Validity.Valid)]
    [InlineData(BloodPressureMeasurementStatus.PulseRateExceedsUpperLimit, ObservationFlags.PulseRateOutOfRange, Validity.Valid)]
    [InlineData(BloodPressureMeasurementStatus.PulseRateBelowLowerLimit, ObservationFlags.PulseRateOutOfRange, Validity.Valid)]
    [InlineData(BloodPressureMeasurementStatus.PulseRateRangeMask, ObservationFlags.None, Validity.Valid)] // 3 = RFU
    [InlineData((BloodPressureMeasurementStatus)0xFFC0, ObservationFlags.None, Validity.Valid)] // RFU bits
    [InlineData(BloodPressureMeasurementStatus.None, ObservationFlags.None, Validity.Valid)]
    public void Measurement_status_bits_map_to_flags(BloodPressureMeasurementStatus status, ObservationFlags flags, Validity pressureValidity)
    {
        var sink = Decode(Mmhg(120, 80, 93, 72, status));

        foreach (var metric in new[] { Metric.Systolic, Metric.Diastolic, Metric.MeanArterial })
        {
            var o = sink.Single(metric);
            Assert.Equal(flags, o.Flags);
            Assert.Equal(pressureValidity, o.Validity);
            Assert.False(double.IsNaN(o.Value));
        }

        var pulse = sink.Single(Metric.HeartRate);
        Assert.Equal(flags, pulse.Flags);
        var pulseValidity = (flags & ObservationFlags.PulseRateOutOfRange) != 0 ? Validity.Questionable : pressureValidity;
        Assert.Equal(pulseValidity, pulse.Validity);
        Assert.Equal(72.0, pulse.Value);
    }

    [Theory]
    [InlineData(MderSpecial.NaN, ObservationFlags.NotANumber)]
    [InlineData(MderSpecial.NotAtResolution, ObservationFlags.NotAtResolution)]
    [InlineData(MderSpecial.PositiveInfinity, ObservationFlags.PositiveInfinity)]
    [InlineData(MderSpecial.NegativeInfinity, ObservationFlags.NegativeInfinity)]
    [InlineData(MderSpecial.Reserved, ObservationFlags.NotAtResolution)]
    public void Special_values_are_invalid_nan_with_their_flag(MderSpecial special, ObservationFlags flag)
    {
        var value = new BloodPressureMeasurement(
            BloodPressureUnit.Kilopascal, Sfloat.FromSpecial(special), Sfloat.Create(107, -1), Sfloat.FromSpecial(special),
            PulseRate: Sfloat.FromSpecial(special), Status: BloodPressureMeasurementStatus.IrregularPulse);
        var sink = Decode(value);

        foreach (var metric in new[] { Metric.Systolic, Metric.MeanArterial, Metric.HeartRate })
        {
            var o = sink.Single(metric);
            Assert.Equal(Validity.Invalid, o.Validity);
            Assert.True(double.IsNaN(o.Value));
            Assert.Equal(flag | ObservationFlags.IrregularPulse, o.Flags);
            Assert.Null(o.OriginalValue);
        }

        var diastolic = sink.Single(Metric.Diastolic);
        Assert.Equal(Validity.Valid, diastolic.Validity);
        Assert.Equal(10.7 * 7.50062, diastolic.Value, 9);
    }

    [Fact]
    public void Device_time_uses_the_configured_clock_offset_and_unknown_time_gives_none()
    {
        var stamped = Mmhg(120, 80, 93) with { TimeStamp = new GattDateTime(2026, 11, 21, 21, 30, 0) };
        var sink = Decode(stamped, TimeSpan.FromHours(1));
        Assert.All(sink.Observations, o => Assert.Equal(new DateTimeOffset(2026, 11, 21, 20, 30, 0, TimeSpan.Zero), o.DeviceTime));

        var unknown = Mmhg(120, 80, 93) with { TimeStamp = new GattDateTime(0, 0, 0, 0, 0, 0) };
        sink = Decode(unknown);
        Assert.All(sink.Observations, o => Assert.Null(o.DeviceTime));
        Assert.All(sink.Observations, o => Assert.Equal(Validity.Valid, o.Validity));
    }

    [Fact]
    public void Protocol_shape_is_a_pure_decoder()
    {
        var protocol = new BloodPressureMeasurementProtocol("cuff");

        Assert.Equal("ble-bp-measurement", protocol.ProtocolId);
        Assert.Null(protocol.TickInterval);
        Assert.Equal(0, protocol.WriteCommands(new(TimeSpan.Zero, true, Devices.Protocols.DeviceRequest.StartMeasurement), new byte[64]));
    }
}

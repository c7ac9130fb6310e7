using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class IntermediateCuffPressureProtocolTests
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Cuff_pressure_comes_from_the_systolic_field()
    {
        // 0x2A36 with diastolic and MAP NaN as unused: flags 00, 142 mmHg.
        var bytes = BleHex.Bytes("00 8E 00 FF 07 FF 07");
        Assert.Equal(bytes, BleEncoders.Encode(BloodPressureMeasurement.IntermediateCuff(Sfloat.FromInteger(142))));
        var sink = new BleRecordingSink();

        Assert.Equal(7, new IntermediateCuffPressureProtocol("cuff").Decode(bytes, s_receivedAt, sink));

        var o = Assert.Single(sink.Observations);
        Assert.Equal(Metric.CuffPressure, o.Metric);
        Assert.Equal(142.0, o.Value);
        Assert.Equal(Validity.Valid, o.Validity);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public void Diastolic_map_and_pulse_are_ignored_and_kpa_is_converted()
    {
        var value = new BloodPressureMeasurement(
            BloodPressureUnit.Kilopascal, Sfloat.Create(200, -1), Sfloat.FromInteger(0), Sfloat.NegativeInfinity,
            PulseRate: Sfloat.NaN, Status: BloodPressureMeasurementStatus.BodyMovement);
        var sink = new BleRecordingSink();

        new IntermediateCuffPressureProtocol("cuff").Decode(BleEncoders.Encode(value), s_receivedAt, sink);

        var o = Assert.Single(sink.Observations);
        Assert.Equal(Metric.CuffPressure, o.Metric);
        Assert.Equal(20.0 * 7.50062, o.Value, 9);
        Assert.Equal(20.0, o.OriginalValue);
        Assert.Equal(ObservationFlags.Converted | ObservationFlags.BodyMovement, o.Flags);
        Assert.Equal(Validity.Questionable, o.Validity);
    }
}

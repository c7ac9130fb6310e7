using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class PlxProtocolTests
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);
    private static readonly PlxReading s_reading = new(Sfloat.FromInteger(97), Sfloat.FromInteger(65));

    private static BleRecordingSink DecodeContinuous(PlxContinuousProtocol protocol, PlxContinuousMeasurement value)
    {
        var sink = new BleRecordingSink();
        var bytes = BleEncoders.Encode(value);
        Assert.Equal(bytes.Length, protocol.Decode(bytes, s_receivedAt, sink));
        Assert.Empty(sink.Errors);
        return sink;
    }

    [Fact]
    public void Continuous_reports_normal_spo2_pulse_and_perfusion_index_only()
    {
        var value = new PlxContinuousMeasurement(
            s_reading,
            Fast: new PlxReading(Sfloat.FromInteger(80), Sfloat.FromInteger(150)),
            Slow: new PlxReading(Sfloat.FromInteger(99), Sfloat.FromInteger(40)),
            PulseAmplitudeIndex: Sfloat.Create(35, -1));

        var sink = DecodeContinuous(new PlxContinuousProtocol("ox"), value);

        Assert.Equal([Metric.Spo2, Metric.PulseRate, Metric.PerfusionIndex], sink.Observations.Select(o => o.Metric));
        Assert.Equal([97.0, 65.0, 3.5], sink.Observations.Select(o => o.Value));
        Assert.All(sink.Observations, o => Assert.Equal(Validity.Valid, o.Validity));
        Assert.All(sink.Observations, o => Assert.Null(o.DeviceTime));
        Assert.Empty(sink.Statuses);
    }

    [Fact]
    public void Spot_check_reports_device_time_unless_the_clock_is_not_set()
    {
        var stamp = new GattDateTime(2026, 11, 21, 19, 59, 0);
        var value = new PlxSpotCheckMeasurement(Sfloat.FromInteger(95), Sfloat.FromInteger(70), Timestamp: stamp);
        var protocol = new PlxSpotCheckProtocol("ox");
        var sink = new BleRecordingSink();

        protocol.Decode(BleEncoders.Encode(value), s_receivedAt, sink);
        Assert.Equal([Metric.Spo2, Metric.PulseRate], sink.Observations.Select(o => o.Metric));
        Assert.All(sink.Observations, o => Assert.Equal(new DateTimeOffset(2026, 11, 21, 19, 59, 0, TimeSpan.Zero), o.DeviceTime));

        sink.Clear();
        protocol.Decode(BleEncoders.Encode(value with { DeviceClockNotSet = true }), s_receivedAt, sink);
        Assert.All(sink.Observations, o => Assert.Null(o.DeviceTime));
        Assert.All(sink.Observations, o => Assert.Equal(Validity.Valid, o.Validity));
    }

    [Theory]
    [InlineData(PlxMeasurementStatus.MeasurementOngoing, ObservationFlags.EarlyEstimate, Validity.Questionable)]
    [InlineData(PlxMeasurementStatus.EarlyEstimatedData, ObservationFlags.EarlyEstimate, Validity.Questionable)]
    [InlineData(PlxMeasurementStatus.DataFromMeasurementStorage, ObservationFlags.FromMemory, Validity.Valid)]
    [InlineData(PlxMeasurementStatus.DataForDemonstration, ObservationFlags.DemoData, Validity.Questionable)]
    [InlineData(PlxMeasurementStatus.DataForTesting, ObservationFlags.DemoData, Validity.Questionable)]
    [InlineData(PlxMeasurementStatus.QuestionableMeasurementDetected, ObservationFlags.None, Validity.Questionable)]
    [InlineData(PlxMeasurementStatus.MeasurementUnavailable, ObservationFlags.None, Validity.Invalid)]
    [InlineData(PlxMeasurementStatus.InvalidMeasurementDetected, ObservationFlags.None, Validity.Invalid)]
    [InlineData(PlxMeasurementStatus.ValidatedData | PlxMeasurementStatus.FullyQualifiedData, ObservationFlags.None, Validity.Valid)]
    [InlineData(PlxMeasurementStatus.CalibrationOngoing, ObservationFlags.None, Validity.Valid)]
    [InlineData((PlxMeasurementStatus)0x001F, ObservationFlags.None, Validity.Valid)] // RFU bits
    [InlineData(PlxMeasurementStatus.EarlyEstimatedData | PlxMeasurementStatus.InvalidMeasurementDetected, ObservationFlags.EarlyEstimate, Validity.Invalid)]
    public void Measurement_status_bits_map_to_flags_and_validity(PlxMeasurementStatus status, ObservationFlags flags, Validity validity)
    {
        var sink = DecodeContinuous(new PlxContinuousProtocol("ox"), new PlxContinuousMeasurement(s_reading, MeasurementStatus: status, PulseAmplitudeIndex: Sfloat.FromInteger(2)));

        Assert.Equal(3, sink.Observations.Count);
        Assert.All(sink.Observations, o =>
        {
            Assert.Equal(flags, o.Flags);
            Assert.Equal(validity, o.Validity);
            Assert.Equal(validity == Validity.Invalid, double.IsNaN(o.Value));
        });
        Assert.Empty(sink.Statuses);
    }

    [Theory]
    [InlineData(PlxDeviceAndSensorStatus.ExtendedDisplayUpdateOngoing, ObservationFlags.None, Validity.Valid, DeviceCondition.None)]
    [InlineData(PlxDeviceAndSensorStatus.EquipmentMalfunction, ObservationFlags.SensorFault, Validity.Invalid, DeviceCondition.SensorFault)]
    [InlineData(PlxDeviceAndSensorStatus.SignalProcessingIrregularity, ObservationFlags.Artifact, Validity.Questionable, DeviceCondition.Artifact)]
    [InlineData(PlxDeviceAndSensorStatus.InadequateSignal, ObservationFlags.PoorSignal, Validity.Questionable, DeviceCondition.None)]
    [InlineData(PlxDeviceAndSensorStatus.PoorSignal, ObservationFlags.PoorSignal, Validity.Questionable, DeviceCondition.None)]
    [InlineData(PlxDeviceAndSensorStatus.LowPerfusion, ObservationFlags.LowPerfusion, Validity.Questionable, DeviceCondition.LowPerfusion)]
    [InlineData(PlxDeviceAndSensorStatus.ErraticSignal, ObservationFlags.Artifact, Validity.Questionable, DeviceCondition.Artifact)]
    [InlineData(PlxDeviceAndSensorStatus.NonpulsatileSignal, ObservationFlags.PoorSignal, Validity.Questionable, DeviceCondition.None)]
    [InlineData(PlxDeviceAndSensorStatus.QuestionablePulse, ObservationFlags.None, Validity.Questionable, DeviceCondition.None)]
    [InlineData(PlxDeviceAndSensorStatus.SignalAnalysisOngoing, ObservationFlags.Searching, Validity.Questionable, DeviceCondition.Searching)]
    [InlineData(PlxDeviceAndSensorStatus.SensorInterference, ObservationFlags.Interference, Validity.Questionable, DeviceCondition.None)]
    [InlineData(PlxDeviceAndSensorStatus.SensorUnconnectedToUser, ObservationFlags.ProbeOff, Validity.Invalid, DeviceCondition.ProbeOff)]
    [InlineData(PlxDeviceAndSensorStatus.UnknownSensorConnected, ObservationFlags.SensorFault, Validity.Invalid, DeviceCondition.SensorFault)]
    [InlineData(PlxDeviceAndSensorStatus.SensorDisplaced, ObservationFlags.ProbeOff, Validity.Invalid, DeviceCondition.ProbeOff)]
    [InlineData(PlxDeviceAndSensorStatus.SensorMalfunctioning, ObservationFlags.SensorFault, Validity.Invalid, DeviceCondition.SensorFault)]
    [InlineData(PlxDeviceAndSensorStatus.SensorDisconnected, ObservationFlags.SensorDisconnected, Validity.Invalid, DeviceCondition.SensorDisconnected)]
    [InlineData((PlxDeviceAndSensorStatus)0xFF0000, ObservationFlags.None, Validity.Valid, DeviceCondition.None)] // RFU bits
    public void Device_and_sensor_status_bits_map_to_flags_validity_and_one_edge(
        PlxDeviceAndSensorStatus status, ObservationFlags flags, Validity validity, DeviceCondition condition)
    {
        var protocol = new PlxSpotCheckProtocol("ox");
        var sink = new BleRecordingSink();
        var value = new PlxSpotCheckMeasurement(Sfloat.FromInteger(97), Sfloat.FromInteger(65), DeviceAndSensorStatus: status);

        protocol.Decode(BleEncoders.Encode(value), s_receivedAt, sink);

        Assert.Equal(2, sink.Observations.Count);
        Assert.All(sink.Observations, o =>
        {
            Assert.Equal(flags, o.Flags);
            Assert.Equal(validity, o.Validity);
            Assert.Equal(validity == Validity.Invalid, double.IsNaN(o.Value));
        });

        if (condition == DeviceCondition.None)
        {
            Assert.Empty(sink.Statuses);
            return;
        }

        var began = Assert.Single(sink.Statuses);
        Assert.Equal(new DeviceStatusEvent("ox", condition, true, s_receivedAt, (int)status, began.Detail), began);
        Assert.NotNull(began.Detail);

        // Same state again: no edge. Cleared: one "ended" edge.
        sink.Clear();
        protocol.Decode(BleEncoders.Encode(value), s_receivedAt, sink);
        Assert.Empty(sink.Statuses);

        sink.Clear();
        protocol.Decode(BleEncoders.Encode(value with { DeviceAndSensorStatus = PlxDeviceAndSensorStatus.None }), s_receivedAt.AddSeconds(1), sink);
        var ended = Assert.Single(sink.Statuses);
        Assert.Equal(condition, ended.Condition);
        Assert.False(ended.Active);
        Assert.Equal(s_receivedAt.AddSeconds(1), ended.At);
    }

    [Fact]
    public void Edges_follow_a_probe_off_episode_with_low_perfusion()
    {
        var protocol = new PlxContinuousProtocol("ox");
        PlxContinuousMeasurement With(PlxDeviceAndSensorStatus? status, Sfloat spo2) =>
            new(new PlxReading(spo2, Sfloat.FromInteger(65)), DeviceAndSensorStatus: status);

        var sink = DecodeContinuous(protocol, With(PlxDeviceAndSensorStatus.None, Sfloat.FromInteger(97)));
        Assert.Empty(sink.Statuses);

        // Finger out: device sends NaN with "unconnected to user".
        sink = DecodeContinuous(protocol, With(PlxDeviceAndSensorStatus.SensorUnconnectedToUser, Sfloat.NaN));
        Assert.Equal([(DeviceCondition.ProbeOff, true)], sink.Statuses.Select(s => (s.Condition, s.Active)));
        var spo2 = sink.Single(Metric.Spo2);
        Assert.Equal(Validity.Invalid, spo2.Validity);
        Assert.Equal(ObservationFlags.ProbeOff | ObservationFlags.NotANumber, spo2.Flags);

        sink = DecodeContinuous(protocol, With(PlxDeviceAndSensorStatus.SensorUnconnectedToUser | PlxDeviceAndSensorStatus.SensorDisplaced, Sfloat.NaN));
        Assert.Empty(sink.Statuses);

        // Finger back in, weak signal.
        sink = DecodeContinuous(protocol, With(PlxDeviceAndSensorStatus.LowPerfusion, Sfloat.FromInteger(94)));
        Assert.Equal([(DeviceCondition.ProbeOff, false), (DeviceCondition.LowPerfusion, true)], sink.Statuses.Select(s => (s.Condition, s.Active)));
        Assert.Equal(Validity.Questionable, sink.Single(Metric.Spo2).Validity);
        Assert.Equal(94.0, sink.Single(Metric.Spo2).Value);

        // A value without Device and Sensor Status reports no condition.
        sink = DecodeContinuous(protocol, With(null, Sfloat.FromInteger(96)));
        Assert.Equal([(DeviceCondition.LowPerfusion, false)], sink.Statuses.Select(s => (s.Condition, s.Active)));
        Assert.Equal(Validity.Valid, sink.Single(Metric.Spo2).Validity);
    }

    [Fact]
    public void A_bad_value_leaves_the_condition_state_alone()
    {
        var protocol = new PlxContinuousProtocol("ox");
        DecodeContinuous(protocol, new PlxContinuousMeasurement(s_reading, DeviceAndSensorStatus: PlxDeviceAndSensorStatus.SensorDisconnected));
        var sink = new BleRecordingSink();

        protocol.Decode(BleHex.Bytes("08 61 00 41 00 00"), s_receivedAt, sink);
        Assert.Single(sink.Errors);
        Assert.Empty(sink.Statuses);

        sink = DecodeContinuous(protocol, new PlxContinuousMeasurement(s_reading, DeviceAndSensorStatus: PlxDeviceAndSensorStatus.SensorDisconnected));
        Assert.Empty(sink.Statuses);
    }
}

using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class FeatureCharacteristicTests
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("01 00", BloodPressureFeature.BodyMovementDetection)]
    [InlineData("3F 00", (BloodPressureFeature)0x3F)]
    [InlineData("C0 01", BloodPressureFeature.E2eCrc | BloodPressureFeature.UserDataService | BloodPressureFeature.UserFacingTime)]
    [InlineData("00 80", (BloodPressureFeature)0x8000)]
    public void Blood_pressure_feature_parses_and_encodes(string hex, BloodPressureFeature expected)
    {
        var bytes = BleHex.Bytes(hex);

        Assert.True(BloodPressureFeatures.TryParse(bytes, out var features));
        Assert.Equal(expected, features.Supported);
        Assert.Equal(bytes, BleEncoders.Encode(features));
    }

    [Fact]
    public void Blood_pressure_feature_protocol_keeps_the_value_and_reports_nothing()
    {
        var protocol = new BloodPressureFeatureProtocol("cuff");
        var sink = new BleRecordingSink();

        Assert.Equal(2, protocol.Decode(BleHex.Bytes("03 00"), s_receivedAt, sink));
        Assert.Equal(BloodPressureFeature.BodyMovementDetection | BloodPressureFeature.CuffFitDetection, protocol.Features?.Supported);
        Assert.Empty(sink.Observations);
        Assert.Empty(sink.Statuses);
        Assert.Empty(sink.Errors);

        Assert.Equal(1, protocol.Decode(BleHex.Bytes("03"), s_receivedAt, sink));
        Assert.Equal(ProtocolErrorKind.Truncated, Assert.Single(sink.Errors).Kind);
        Assert.Equal(BloodPressureFeature.BodyMovementDetection | BloodPressureFeature.CuffFitDetection, protocol.Features?.Supported);
    }

    [Theory]
    [InlineData("FC 00", 2)]
    [InlineData("01 00 E0 FF", 4)]
    [InlineData("02 00 FF FF 00", 5)]
    [InlineData("03 00 E0 FF FF FF 00", 7)]
    public void Plx_features_parse_every_mask_combination_and_reject_truncation(string hex, int length)
    {
        var bytes = BleHex.Bytes(hex);
        Assert.Equal(length, bytes.Length);

        Assert.True(PlxFeatures.TryParse(bytes, out var features));
        bool ms = (bytes[0] & 1) != 0;
        bool ds = (bytes[0] & 2) != 0;
        Assert.Equal(ms ? (PlxMeasurementStatus)0xFFE0 : null, features.MeasurementStatusSupport);
        Assert.Equal(ds ? (PlxDeviceAndSensorStatus)0xFFFF : null, features.DeviceAndSensorStatusSupport);
        Assert.Equal(bytes, BleEncoders.Encode(features));

        for (int cut = 0; cut < length; cut++)
        {
            Assert.False(PlxFeatures.TryParse(bytes.AsSpan(0, cut), out _, out var error));
            Assert.Equal(ProtocolErrorKind.Truncated, error.Kind);
        }
    }

    [Fact]
    public void Plx_features_protocol_keeps_the_value_and_reports_nothing()
    {
        var protocol = new PlxFeaturesProtocol("ox");
        var sink = new BleRecordingSink();

        Assert.Equal(4, protocol.Decode(BleHex.Bytes("51 00 60 00"), s_receivedAt, sink));

        Assert.Equal(
            new PlxFeatures(PlxSupportedFeatures.MeasurementStatus | PlxSupportedFeatures.Spo2PrFast | PlxSupportedFeatures.PulseAmplitudeIndex,
                PlxMeasurementStatus.MeasurementOngoing | PlxMeasurementStatus.EarlyEstimatedData),
            protocol.Features);
        Assert.Empty(sink.Observations);
        Assert.Empty(sink.Errors);
        Assert.Equal("ble-plx-features", protocol.ProtocolId);
    }

    [Fact]
    public void Plx_features_encoder_derives_the_mask_presence_bits()
    {
        var features = new PlxFeatures(PlxSupportedFeatures.MeasurementStatus | PlxSupportedFeatures.MultipleBonds, DeviceAndSensorStatusSupport: PlxDeviceAndSensorStatus.SensorDisconnected);

        Assert.Equal(BleHex.Bytes("82 00 00 80 00"), BleEncoders.Encode(features));
    }
}

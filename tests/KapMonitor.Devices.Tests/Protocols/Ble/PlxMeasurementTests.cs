using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class PlxMeasurementTests
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    // Field bytes (PLXS v1.0 layout, Bluetooth SIG PLX 0x2A5E / 0x2A5F), written out independently of the encoder.
    private const string Normal = "61 00 41 00"; // SpO2 97 %, PR 65
    private const string Fast = "60 00 42 00"; // 96, 66
    private const string Slow = "62 00 40 00"; // 98, 64
    private const string TimeStamp = "DD 07 08 1A 09 0A 14";
    private const string MeasurementStatus = "80 01"; // validated + fully qualified
    private const string DeviceStatus = "01 00 00"; // extended display update ongoing
    private const string Pai = "19 F0"; // 2.5 %

    public static TheoryData<int> AllFlagCombinations()
    {
        var data = new TheoryData<int>();
        for (int flags = 0; flags < 32; flags++)
        {
            data.Add(flags);
        }

        return data;
    }

    private static byte[] SpotGolden(int flags) => BleHex.Bytes(
        $"{flags:X2} {Normal}"
        + ((flags & 1) != 0 ? " " + TimeStamp : "")
        + ((flags & 2) != 0 ? " " + MeasurementStatus : "")
        + ((flags & 4) != 0 ? " " + DeviceStatus : "")
        + ((flags & 8) != 0 ? " " + Pai : ""));

    private static byte[] ContinuousGolden(int flags) => BleHex.Bytes(
        $"{flags:X2} {Normal}"
        + ((flags & 1) != 0 ? " " + Fast : "")
        + ((flags & 2) != 0 ? " " + Slow : "")
        + ((flags & 4) != 0 ? " " + MeasurementStatus : "")
        + ((flags & 8) != 0 ? " " + DeviceStatus : "")
        + ((flags & 16) != 0 ? " " + Pai : ""));

    [Theory]
    [MemberData(nameof(AllFlagCombinations))]
    public void Spot_check_every_flags_combination(int flags)
    {
        var bytes = SpotGolden(flags);
        int expectedLength = 5 + ((flags & 1) != 0 ? 7 : 0) + ((flags & 2) != 0 ? 2 : 0) + ((flags & 4) != 0 ? 3 : 0) + ((flags & 8) != 0 ? 2 : 0);
        Assert.Equal(expectedLength, bytes.Length);

        Assert.True(PlxSpotCheckMeasurement.TryParse(bytes, out var m));
        Assert.Equal(97.0, m.Spo2.Value);
        Assert.Equal(65.0, m.PulseRate.Value);
        Assert.Equal((flags & 1) != 0 ? new GattDateTime(2013, 8, 26, 9, 10, 20) : null, m.Timestamp);
        Assert.Equal((flags & 2) != 0 ? PlxMeasurementStatus.ValidatedData | PlxMeasurementStatus.FullyQualifiedData : null, m.MeasurementStatus);
        Assert.Equal((flags & 4) != 0 ? PlxDeviceAndSensorStatus.ExtendedDisplayUpdateOngoing : null, m.DeviceAndSensorStatus);
        Assert.Equal((flags & 8) != 0 ? Sfloat.Create(25, -1) : null, m.PulseAmplitudeIndex);
        Assert.Equal((flags & 16) != 0, m.DeviceClockNotSet);
        Assert.Equal(bytes, BleEncoders.Encode(m));

        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.False(PlxSpotCheckMeasurement.TryParse(bytes.AsSpan(0, length), out _, out var error));
            Assert.Equal(ProtocolErrorKind.Truncated, error.Kind);
        }
    }

    [Theory]
    [MemberData(nameof(AllFlagCombinations))]
    public void Continuous_every_flags_combination(int flags)
    {
        var bytes = ContinuousGolden(flags);
        int expectedLength = 5 + ((flags & 1) != 0 ? 4 : 0) + ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 2 : 0)
            + ((flags & 8) != 0 ? 3 : 0) + ((flags & 16) != 0 ? 2 : 0);
        Assert.Equal(expectedLength, bytes.Length);

        Assert.True(PlxContinuousMeasurement.TryParse(bytes, out var m));
        Assert.Equal(new PlxReading(Sfloat.FromInteger(97), Sfloat.FromInteger(65)), m.Normal);
        Assert.Equal((flags & 1) != 0 ? new PlxReading(Sfloat.FromInteger(96), Sfloat.FromInteger(66)) : null, m.Fast);
        Assert.Equal((flags & 2) != 0 ? new PlxReading(Sfloat.FromInteger(98), Sfloat.FromInteger(64)) : null, m.Slow);
        Assert.Equal((flags & 4) != 0 ? PlxMeasurementStatus.ValidatedData | PlxMeasurementStatus.FullyQualifiedData : null, m.MeasurementStatus);
        Assert.Equal((flags & 8) != 0 ? PlxDeviceAndSensorStatus.ExtendedDisplayUpdateOngoing : null, m.DeviceAndSensorStatus);
        Assert.Equal((flags & 16) != 0 ? Sfloat.Create(25, -1) : null, m.PulseAmplitudeIndex);
        Assert.Equal(bytes, BleEncoders.Encode(m));

        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.False(PlxContinuousMeasurement.TryParse(bytes.AsSpan(0, length), out _, out var error));
            Assert.Equal(ProtocolErrorKind.Truncated, error.Kind);
        }
    }

    [Theory]
    [MemberData(nameof(AllFlagCombinations))]
    public void Truncated_values_are_consumed_as_errors_with_no_observations(int flags)
    {
        foreach (var (bytes, protocol) in new (byte[], IDeviceProtocol)[]
        {
            (SpotGolden(flags), new PlxSpotCheckProtocol("ox")),
            (ContinuousGolden(flags), new PlxContinuousProtocol("ox")),
        })
        {
            for (int length = 1; length < bytes.Length; length++)
            {
                var sink = new BleRecordingSink();
                Assert.Equal(length, protocol.Decode(bytes.AsSpan(0, length), s_receivedAt, sink));
                Assert.Empty(sink.Observations);
                Assert.Empty(sink.Statuses);
                Assert.Equal(ProtocolErrorKind.Truncated, Assert.Single(sink.Errors).Kind);
            }
        }
    }

    [Fact]
    public void Three_byte_device_status_is_little_endian()
    {
        var bytes = BleHex.Bytes("04 61 00 41 00 00 88 00");

        Assert.True(PlxSpotCheckMeasurement.TryParse(bytes, out var m));
        Assert.Equal(PlxDeviceAndSensorStatus.SensorDisconnected | PlxDeviceAndSensorStatus.SensorUnconnectedToUser, m.DeviceAndSensorStatus);
    }

    [Fact]
    public void Device_status_wider_than_24_bits_cannot_be_encoded()
    {
        var m = new PlxContinuousMeasurement(new PlxReading(Sfloat.FromInteger(97), Sfloat.FromInteger(65)), DeviceAndSensorStatus: (PlxDeviceAndSensorStatus)0x0100_0000);

        Assert.Throws<ArgumentOutOfRangeException>(() => BleEncoders.Encode(m));
    }
}

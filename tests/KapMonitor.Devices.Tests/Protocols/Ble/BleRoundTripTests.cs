using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

/// <summary>Encoder → decoder over seeded random values: every field survives, byte for byte.</summary>
public class BleRoundTripTests
{
    private const int Iterations = 5_000;

    private static Sfloat RandomSfloat(Random random) => random.Next(20) switch
    {
        0 => Sfloat.FromSpecial((MderSpecial)random.Next(1, 6)),
        _ => Sfloat.Create(random.Next(-Sfloat.MaxEncodableMantissa, Sfloat.MaxEncodableMantissa + 1), random.Next(Sfloat.MinExponent, Sfloat.MaxExponent + 1)),
    };

    private static GattDateTime RandomTime(Random random) => new(
        (ushort)random.Next(0, 10_000), (byte)random.Next(0, 13), (byte)random.Next(0, 32),
        (byte)random.Next(0, 24), (byte)random.Next(0, 60), (byte)random.Next(0, 60));

    private static T? Maybe<T>(Random random, Func<T> make)
        where T : struct => random.Next(2) == 0 ? null : make();

    [Fact]
    public void Blood_pressure_measurements_round_trip()
    {
        var random = new Random(2035);
        for (int i = 0; i < Iterations; i++)
        {
            var value = new BloodPressureMeasurement(
                (BloodPressureUnit)random.Next(2),
                RandomSfloat(random),
                RandomSfloat(random),
                RandomSfloat(random),
                Maybe(random, () => RandomTime(random)),
                Maybe(random, () => RandomSfloat(random)),
                Maybe(random, () => (byte)random.Next(256)),
                Maybe(random, () => (BloodPressureMeasurementStatus)random.Next(65536)));

            var bytes = BleEncoders.Encode(value);
            Assert.Equal(value.EncodedLength, bytes.Length);
            Assert.True(BloodPressureMeasurement.TryParse(bytes, out var back));
            Assert.Equal(value, back);
        }
    }

    [Fact]
    public void Plx_spot_check_measurements_round_trip()
    {
        var random = new Random(0x2A5E);
        for (int i = 0; i < Iterations; i++)
        {
            var value = new PlxSpotCheckMeasurement(
                RandomSfloat(random),
                RandomSfloat(random),
                Maybe(random, () => RandomTime(random)),
                Maybe(random, () => (PlxMeasurementStatus)random.Next(65536)),
                Maybe(random, () => (PlxDeviceAndSensorStatus)random.Next(1 << 24)),
                Maybe(random, () => RandomSfloat(random)),
                random.Next(2) == 0);

            var bytes = BleEncoders.Encode(value);
            Assert.True(PlxSpotCheckMeasurement.TryParse(bytes, out var back));
            Assert.Equal(value, back);
        }
    }

    [Fact]
    public void Plx_continuous_measurements_round_trip()
    {
        var random = new Random(0x2A5F);
        for (int i = 0; i < Iterations; i++)
        {
            PlxReading Reading() => new(RandomSfloat(random), RandomSfloat(random));
            var value = new PlxContinuousMeasurement(
                Reading(),
                Maybe(random, Reading),
                Maybe(random, Reading),
                Maybe(random, () => (PlxMeasurementStatus)random.Next(65536)),
                Maybe(random, () => (PlxDeviceAndSensorStatus)random.Next(1 << 24)),
                Maybe(random, () => RandomSfloat(random)));

            var bytes = BleEncoders.Encode(value);
            Assert.True(PlxContinuousMeasurement.TryParse(bytes, out var back));
            Assert.Equal(value, back);
        }
    }

    [Fact]
    public void Heart_rate_measurements_round_trip()
    {
        var random = new Random(0x2A37);
        for (int i = 0; i < Iterations; i++)
        {
            bool wide = random.Next(2) == 0;
            var rr = new ushort[random.Next(2) == 0 ? 0 : random.Next(1, 9)];
            for (int j = 0; j < rr.Length; j++)
            {
                rr[j] = (ushort)random.Next(65536);
            }

            var value = new HeartRateMeasurement(
                (ushort)random.Next(wide ? 65536 : 256),
                wide,
                (HeartRateSensorContact)random.Next(4),
                Maybe(random, () => (ushort)random.Next(65536)),
                rr);

            var bytes = BleEncoders.Encode(value);
            Assert.Equal(value.EncodedLength, bytes.Length);
            Assert.True(HeartRateMeasurement.TryParse(bytes, out var back));
            Assert.Equal(value.HeartRate, back.HeartRate);
            Assert.Equal(value.WideFormat, back.WideFormat);
            Assert.Equal(value.SensorContact, back.SensorContact);
            Assert.Equal(value.EnergyExpended, back.EnergyExpended);
            Assert.Equal(rr, back.RrIntervals.ToArray());
            Assert.Equal(bytes, BleEncoders.Encode(back));
        }
    }

    [Fact]
    public void Feature_values_round_trip()
    {
        var random = new Random(0x2A60);
        for (int i = 0; i < Iterations; i++)
        {
            var bp = new BloodPressureFeatures((BloodPressureFeature)random.Next(65536));
            Assert.True(BloodPressureFeatures.TryParse(BleEncoders.Encode(bp), out var bpBack));
            Assert.Equal(bp, bpBack);

            var plx = new PlxFeatures(
                (PlxSupportedFeatures)random.Next(65536) & ~(PlxSupportedFeatures.MeasurementStatus | PlxSupportedFeatures.DeviceAndSensorStatus),
                Maybe(random, () => (PlxMeasurementStatus)random.Next(65536)),
                Maybe(random, () => (PlxDeviceAndSensorStatus)random.Next(1 << 24)));
            Assert.True(PlxFeatures.TryParse(BleEncoders.Encode(plx), out var plxBack));
            Assert.Equal(plx with { Supported = plxBack.Supported }, plxBack);
        }
    }

    [Fact]
    public void Buffer_writer_and_span_encoders_agree()
    {
        var value = new BloodPressureMeasurement(
            BloodPressureUnit.MillimetreOfMercury, Sfloat.FromInteger(120), Sfloat.FromInteger(80), Sfloat.FromInteger(93), PulseRate: Sfloat.FromInteger(72));
        var writer = new System.Buffers.ArrayBufferWriter<byte>();

        Assert.Equal(9, BleEncoders.Write(writer, value));
        Assert.Equal(BleHex.Bytes("04 78 00 50 00 5D 00 48 00"), writer.WrittenSpan.ToArray());
        Assert.Throws<ArgumentException>(() => BleEncoders.Write(new byte[8], value));
    }
}

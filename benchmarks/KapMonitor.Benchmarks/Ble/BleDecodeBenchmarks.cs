using BenchmarkDotNet.Attributes;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Benchmarks.Ble;

/// <summary>
/// One BLE characteristic value per operation through its IDeviceProtocol. Target: 0 B allocated per payload
/// (observations are structs handed to the sink by reference; error details are constants).
/// Run: dotnet run -c Release --project benchmarks/KapMonitor.Benchmarks -- --filter '*BleDecode*'
/// </summary>
[MemoryDiagnoser]
public class BleDecodeBenchmarks
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    private readonly CountingSink _sink = new();
    private readonly BloodPressureMeasurementProtocol _bp = new("cuff");
    private readonly IntermediateCuffPressureProtocol _cuff = new("cuff");
    private readonly PlxSpotCheckProtocol _spot = new("ox");
    private readonly PlxContinuousProtocol _continuous = new("ox");
    private readonly HeartRateProtocol _heartRate = new("hr");
    private readonly BloodPressureFeatureProtocol _bpFeature = new("cuff");
    private readonly PlxFeaturesProtocol _plxFeatures = new("ox");

    // Every optional field present, kPa so the conversion path runs.
    private readonly byte[] _bpValue = BleEncoders.Encode(new BloodPressureMeasurement(
        BloodPressureUnit.Kilopascal, Sfloat.Create(160, -1), Sfloat.Create(107, -1), Sfloat.Create(124, -1),
        new GattDateTime(2026, 11, 21, 19, 59, 0), Sfloat.FromInteger(72), 1, BloodPressureMeasurementStatus.IrregularPulse));

    private readonly byte[] _cuffValue = BleEncoders.Encode(BloodPressureMeasurement.IntermediateCuff(Sfloat.FromInteger(142)));

    private readonly byte[] _spotValue = BleEncoders.Encode(new PlxSpotCheckMeasurement(
        Sfloat.FromInteger(97), Sfloat.FromInteger(65), new GattDateTime(2026, 11, 21, 19, 59, 0),
        PlxMeasurementStatus.ValidatedData, PlxDeviceAndSensorStatus.LowPerfusion, Sfloat.Create(25, -1)));

    private readonly byte[] _continuousValue = BleEncoders.Encode(new PlxContinuousMeasurement(
        new PlxReading(Sfloat.FromInteger(97), Sfloat.FromInteger(65)),
        new PlxReading(Sfloat.FromInteger(96), Sfloat.FromInteger(66)),
        new PlxReading(Sfloat.FromInteger(98), Sfloat.FromInteger(64)),
        PlxMeasurementStatus.ValidatedData, PlxDeviceAndSensorStatus.None, Sfloat.Create(25, -1)));

    private readonly byte[] _heartRateValue = BleEncoders.Encode(new HeartRateMeasurement(
        72, false, HeartRateSensorContact.InContact, 1234, new ushort[] { 850, 870, 860, 840 }));

    private readonly byte[] _bpFeatureValue = [0x3F, 0x00];
    private readonly byte[] _plxFeaturesValue = [0x03, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0x00];

    /// <summary>0x2A35, 19 bytes, 4 observations.</summary>
    [Benchmark]
    public int DecodeBloodPressureMeasurement() => _bp.Decode(_bpValue, s_receivedAt, _sink);

    /// <summary>0x2A36, 7 bytes, 1 observation.</summary>
    [Benchmark]
    public int DecodeIntermediateCuffPressure() => _cuff.Decode(_cuffValue, s_receivedAt, _sink);

    /// <summary>0x2A5E, 19 bytes, 3 observations.</summary>
    [Benchmark]
    public int DecodePlxSpotCheck() => _spot.Decode(_spotValue, s_receivedAt, _sink);

    /// <summary>0x2A5F, 20 bytes, 3 observations.</summary>
    [Benchmark]
    public int DecodePlxContinuous() => _continuous.Decode(_continuousValue, s_receivedAt, _sink);

    /// <summary>0x2A37 with energy and 4 RR intervals, 1 observation.</summary>
    [Benchmark]
    public int DecodeHeartRate() => _heartRate.Decode(_heartRateValue, s_receivedAt, _sink);

    /// <summary>0x2A49, no observations.</summary>
    [Benchmark]
    public int DecodeBloodPressureFeature() => _bpFeature.Decode(_bpFeatureValue, s_receivedAt, _sink);

    /// <summary>0x2A60 with both masks, no observations.</summary>
    [Benchmark]
    public int DecodePlxFeatures() => _plxFeatures.Decode(_plxFeaturesValue, s_receivedAt, _sink);

    /// <summary>SFLOAT decode alone.</summary>
    [Benchmark]
    public double DecodeSfloat() => Sfloat.Read(_bpValue.AsSpan(1), out _);

    private sealed class CountingSink : IDecodeSink
    {
        private double _sum;
        private int _count;

        public void OnObservation(in Observation observation)
        {
            _sum += observation.Value;
            _count++;
        }

        public void OnStatus(in DeviceStatusEvent status) => _count++;

        public void OnProtocolError(in ProtocolError error) => _count--;

        public override string ToString() => $"{_count} {_sum}";
    }
}

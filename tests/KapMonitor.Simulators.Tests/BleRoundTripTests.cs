using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Outputs;

namespace KapMonitor.Simulators.Tests;

/// <summary>BLE payloads (built with the BLE team's encoders) decode with the BLE decoders to the model's values.</summary>
public sealed class BleRoundTripTests
{
    [Fact]
    public void Cuff_measures_on_the_scenario_cadence_and_decodes_to_the_model_result()
    {
        var session = Repo.Session("kap-lozenge-normal");
        var output = new MemoryGattSimulatorOutput();
        var cuff = new BleCuffDevice(session, output);
        Repo.Run(cuff, TimeSpan.FromMinutes(4.5), TimeSpan.FromMinutes(6));

        var values = output.Take();
        var sink = Decode(values);
        var result = cuff.Nibp.Current!.Result;
        Assert.Equal(TimeSpan.FromMinutes(5), cuff.Nibp.Current.Start);
        Assert.Equal(1, values.Count(v => v.Characteristic == BleCuffDevice.MeasurementCharacteristic));
        Assert.Equal([(double)result.Systolic], sink.Of(Metric.Systolic).Select(o => o.Value));
        Assert.Equal([(double)result.Diastolic], sink.Of(Metric.Diastolic).Select(o => o.Value));
        Assert.Equal([(double)result.MeanArterial], sink.Of(Metric.MeanArterial).Select(o => o.Value));
        Assert.Equal([(double)result.HeartRate], sink.Of(Metric.HeartRate).Select(o => o.Value));
        Assert.Equal(Repo.Start + cuff.Nibp.Current.End, sink.Of(Metric.Systolic)[0].DeviceTime!.Value, TimeSpan.FromSeconds(1));

        var cuffPressures = sink.Of(Metric.CuffPressure);
        Assert.InRange(cuffPressures.Count, 40, 90);
        Assert.True(cuffPressures.Max(o => o.Value) > result.Systolic);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public void Cuff_failure_sends_nan_with_the_body_movement_status()
    {
        var session = Repo.Session("cuff-error-burst");
        var output = new MemoryGattSimulatorOutput();
        var cuff = new BleCuffDevice(session, output);
        Repo.Run(cuff, TimeSpan.FromMinutes(29.9), TimeSpan.FromMinutes(32));

        var sink = Decode(output.Take());
        var systolic = Assert.Single(sink.Of(Metric.Systolic));
        Assert.Equal(Validity.Invalid, systolic.Validity);
        Assert.True((systolic.Flags & ObservationFlags.BodyMovement) != 0);
    }

    [Fact]
    public void Oximeter_values_and_probe_off_decode_exactly()
    {
        var session = Repo.Session("probe-off");
        var output = new MemoryGattSimulatorOutput();
        var oximeter = new BlePulseOximeterDevice(session, output);
        var from = TimeSpan.FromMinutes(34.5);
        Repo.Run(oximeter, from, TimeSpan.FromMinutes(36.5));

        var sink = Decode(output.Take());
        var expected = Enumerable.Range(0, 121).Select(s => session.ReadOximeter(from + TimeSpan.FromSeconds(s))).ToList();
        Assert.Equal(expected.Select(r => (double?)r.Spo2 ?? double.NaN), sink.Of(Metric.Spo2).Select(o => o.Value));
        Assert.Equal(expected.Select(r => (double?)r.PulseRate ?? double.NaN), sink.Of(Metric.PulseRate).Select(o => o.Value));
        Assert.Equal(60, sink.Of(Metric.Spo2).Count(o => (o.Flags & ObservationFlags.ProbeOff) != 0));
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public void Heart_rate_strap_decodes_to_the_model_rate_and_loses_contact_with_the_probe()
    {
        var session = Repo.Session("probe-off");
        var output = new MemoryGattSimulatorOutput();
        var strap = new BleHeartRateDevice(session, output);
        var from = TimeSpan.FromMinutes(34.5);
        Repo.Run(strap, from, TimeSpan.FromMinutes(36.5));

        var sink = Decode(output.Take());
        var rates = sink.Of(Metric.HeartRate);
        Assert.Equal(121, rates.Count);
        Assert.Equal(Math.Round(session.Physiology.Sample(from).HeartRate), rates[0].Value);
        Assert.True(rates[0].IsValid);
        Assert.Equal(60, rates.Count(o => !o.IsValid));
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public void Factory_refuses_a_byte_stream_for_a_bluetooth_device()
    {
        var ex = Assert.Throws<ArgumentException>(() => SimulatedDeviceFactory.Create("ble-plx-continuous", Repo.Session("probe-off"), new MemorySimulatorOutput()));
        Assert.Contains("GATT", ex.Message, StringComparison.Ordinal);
    }

    private static CollectingSink Decode(IEnumerable<(ushort Characteristic, byte[] Value)> values)
    {
        var sink = new CollectingSink();
        var protocols = new Dictionary<ushort, IDeviceProtocol>
        {
            [0x2A35] = ProtocolRegistry.Create("ble-bp-measurement", new ProtocolContext("sim-ble")),
            [0x2A36] = ProtocolRegistry.Create("ble-intermediate-cuff", new ProtocolContext("sim-ble")),
            [0x2A5F] = ProtocolRegistry.Create("ble-plx-continuous", new ProtocolContext("sim-ble")),
            [0x2A37] = ProtocolRegistry.Create("ble-heart-rate", new ProtocolContext("sim-ble")),
        };
        foreach (var (characteristic, value) in values)
        {
            Assert.Equal(value.Length, protocols[characteristic].Decode(value, Repo.Start, sink));
        }

        return sink;
    }
}

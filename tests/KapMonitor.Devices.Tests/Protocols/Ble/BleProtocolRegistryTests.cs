using System.Text.Json;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class BleProtocolRegistryTests
{
    [Fact]
    public void Every_ble_protocol_is_registered()
    {
        string[] expected =
        [
            "ble-bp-feature", "ble-bp-measurement", "ble-heart-rate", "ble-intermediate-cuff", "ble-plx-continuous", "ble-plx-features", "ble-plx-spot",
        ];

        Assert.All(expected, id => Assert.Contains(id, ProtocolRegistry.Ids));
    }

    [Fact]
    public void Device_clock_offset_comes_from_protocol_options()
    {
        var options = JsonDocument.Parse("""{ "deviceClockUtcOffsetMinutes": 60 }""").RootElement;
        var protocol = ProtocolRegistry.Create("ble-bp-measurement", new ProtocolContext("cuff", options));
        var sink = new BleRecordingSink();
        var value = new BloodPressureMeasurement(
            BloodPressureUnit.MillimetreOfMercury, Sfloat.FromInteger(120), Sfloat.FromInteger(80), Sfloat.FromInteger(93),
            TimeStamp: new GattDateTime(2026, 11, 21, 21, 0, 0));

        protocol.Decode(BleEncoders.Encode(value), DateTimeOffset.UnixEpoch, sink);

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero), sink.Single(Metric.Systolic).DeviceTime);
    }

    [Theory]
    [InlineData("""{ "deviceClockUtcOffsetMinutes": "60" }""")]
    [InlineData("""{ "deviceClockUtcOffsetMinutes": 1441 }""")]
    [InlineData("""{ "deviceClockUtcOffsetMinutes": 1.5 }""")]
    public void Bad_clock_offset_is_a_clear_configuration_error(string json)
    {
        var options = JsonDocument.Parse(json).RootElement;

        var error = Assert.Throws<ArgumentException>(() => ProtocolRegistry.Create("ble-plx-spot", new ProtocolContext("ox-3", options)));
        Assert.Contains("ox-3", error.Message, StringComparison.Ordinal);
        Assert.Contains("deviceClockUtcOffsetMinutes", error.Message, StringComparison.Ordinal);
    }
}

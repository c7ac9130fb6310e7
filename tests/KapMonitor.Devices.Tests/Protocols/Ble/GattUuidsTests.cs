using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class GattUuidsTests
{
    [Theory]
    [InlineData(0x1810, GattUuids.BloodPressureService)]
    [InlineData(0x1822, GattUuids.PulseOximeterService)]
    [InlineData(0x180D, GattUuids.HeartRateService)]
    [InlineData(0x2A35, GattUuids.BloodPressureMeasurement)]
    [InlineData(0x2A36, GattUuids.IntermediateCuffPressure)]
    [InlineData(0x2A49, GattUuids.BloodPressureFeature)]
    [InlineData(0x2A5E, GattUuids.PlxSpotCheckMeasurement)]
    [InlineData(0x2A5F, GattUuids.PlxContinuousMeasurement)]
    [InlineData(0x2A60, GattUuids.PlxFeatures)]
    [InlineData(0x2A52, GattUuids.RecordAccessControlPoint)]
    [InlineData(0x2A37, GattUuids.HeartRateMeasurement)]
    [InlineData(0x2A38, GattUuids.BodySensorLocation)]
    [InlineData(0x2A39, GattUuids.HeartRateControlPoint)]
    [InlineData(0x2A08, GattUuids.DateTime)]
    public void Constants_are_the_lowercase_base_uuid_form(int assigned, string uuid)
    {
        Assert.Equal(GattUuids.FromShort((ushort)assigned), uuid);
        Assert.Equal(uuid.ToLowerInvariant(), uuid);
        Assert.True(Guid.TryParse(uuid, out _));
    }

    [Theory]
    [InlineData("00002a35-0000-1000-8000-00805f9b34fb", "ble-bp-measurement")]
    [InlineData("00002A36-0000-1000-8000-00805F9B34FB", "ble-intermediate-cuff")]
    [InlineData("00002a49-0000-1000-8000-00805f9b34fb", "ble-bp-feature")]
    [InlineData("00002a5e-0000-1000-8000-00805f9b34fb", "ble-plx-spot")]
    [InlineData("00002a5f-0000-1000-8000-00805f9b34fb", "ble-plx-continuous")]
    [InlineData("00002a60-0000-1000-8000-00805f9b34fb", "ble-plx-features")]
    [InlineData("00002a37-0000-1000-8000-00805f9b34fb", "ble-heart-rate")]
    public void Characteristics_map_to_registered_protocols(string uuid, string protocolId)
    {
        Assert.True(GattUuids.TryGetProtocolId(uuid, out var id));
        Assert.Equal(protocolId, id);

        var protocol = ProtocolRegistry.Create(id, new ProtocolContext("dev"));
        Assert.Equal(protocolId, protocol.ProtocolId);
        Assert.Null(protocol.TickInterval);
    }

    [Theory]
    [InlineData("2a5f", "ble-plx-continuous")] // device-profile form
    [InlineData("0x2A35", "ble-bp-measurement")]
    [InlineData(" 2A37 ", "ble-heart-rate")]
    [InlineData("00002a5e", "ble-plx-spot")]
    public void Short_forms_are_accepted(string uuid, string protocolId)
    {
        Assert.True(GattUuids.TryGetProtocolId(uuid, out var id));
        Assert.Equal(protocolId, id);
    }

    [Theory]
    [InlineData("1822", GattUuids.PulseOximeterService)]
    [InlineData("0x180d", GattUuids.HeartRateService)]
    [InlineData("00001810-0000-1000-8000-00805F9B34FB", GattUuids.BloodPressureService)]
    [InlineData("233bf001-5a34-1b6d-975c-000d5690abe4", "233bf001-5a34-1b6d-975c-000d5690abe4")]
    public void Uuids_normalise_to_lowercase_128_bit(string uuid, string expected)
    {
        Assert.True(GattUuids.TryNormalize(uuid, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2a3")]
    [InlineData("zz35")]
    [InlineData("0x")]
    [InlineData("00002a35-0000-1000-8000")]
    public void Garbage_does_not_normalise(string uuid)
    {
        Assert.False(GattUuids.TryNormalize(uuid, out _));
        Assert.False(GattUuids.TryGetProtocolId(uuid, out _));
    }

    [Fact]
    public void Unknown_characteristics_have_no_protocol()
    {
        Assert.False(GattUuids.TryGetProtocolId(GattUuids.RecordAccessControlPoint, out _));
        Assert.Equal(7, GattUuids.ProtocolIds.Count);
    }
}

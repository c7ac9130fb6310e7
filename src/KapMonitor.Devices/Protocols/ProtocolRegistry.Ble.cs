using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Protocols;

/// <summary>Registers the Bluetooth LE GATT characteristic decoders (one protocol id per characteristic).</summary>
public static partial class ProtocolRegistry
{
    static partial void AddBleProtocols(Dictionary<string, Func<ProtocolContext, IDeviceProtocol>> map)
    {
        map.Add(BloodPressureMeasurementProtocol.Id, c => new BloodPressureMeasurementProtocol(c.DeviceId, BleProtocolOptions.DeviceClockUtcOffset(c)));
        map.Add(IntermediateCuffPressureProtocol.Id, c => new IntermediateCuffPressureProtocol(c.DeviceId, BleProtocolOptions.DeviceClockUtcOffset(c)));
        map.Add(BloodPressureFeatureProtocol.Id, c => new BloodPressureFeatureProtocol(c.DeviceId, BleProtocolOptions.DeviceClockUtcOffset(c)));
        map.Add(PlxSpotCheckProtocol.Id, c => new PlxSpotCheckProtocol(c.DeviceId, BleProtocolOptions.DeviceClockUtcOffset(c)));
        map.Add(PlxContinuousProtocol.Id, c => new PlxContinuousProtocol(c.DeviceId, BleProtocolOptions.DeviceClockUtcOffset(c)));
        map.Add(PlxFeaturesProtocol.Id, c => new PlxFeaturesProtocol(c.DeviceId, BleProtocolOptions.DeviceClockUtcOffset(c)));
        map.Add(HeartRateProtocol.Id, c => new HeartRateProtocol(c.DeviceId, BleProtocolOptions.DeviceClockUtcOffset(c)));
    }
}

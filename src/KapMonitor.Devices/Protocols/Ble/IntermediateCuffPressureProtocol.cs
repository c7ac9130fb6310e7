using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// <c>ble-intermediate-cuff</c>: Intermediate Cuff Pressure (0x2A36, notified while a cycle runs) → one
/// CuffPressure observation in mm[Hg] from the systolic field. Diastolic, MAP and pulse rate are unused or
/// preliminary during inflation and are ignored (not validated: devices fill them with NaN or zero).
/// Measurement Status and time stamp are mapped as for 0x2A35.
/// </summary>
public sealed class IntermediateCuffPressureProtocol : GattCharacteristicProtocol
{
    /// <summary>Protocol id in device profiles.</summary>
    public const string Id = "ble-intermediate-cuff";

    /// <inheritdoc cref="GattCharacteristicProtocol(string, TimeSpan)"/>
    public IntermediateCuffPressureProtocol(string deviceId, TimeSpan deviceClockUtcOffset = default)
        : base(deviceId, deviceClockUtcOffset)
    {
    }

    /// <inheritdoc/>
    public override string ProtocolId => Id;

    /// <inheritdoc/>
    protected override void DecodeValue(ReadOnlySpan<byte> value, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        if (!TryParse(value, sink, out BloodPressureMeasurement m))
        {
            return;
        }

        BloodPressureStatusMapping.Map(m.Status, out var flags, out var validity, out _);
        sink.OnObservation(GattObservations.CreatePressure(
            DeviceId, Metric.CuffPressure, m.Systolic, m.Unit, flags, validity, receivedAt, ToDeviceTime(m.TimeStamp)));
    }
}

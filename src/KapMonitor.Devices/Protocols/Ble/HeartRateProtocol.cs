using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// <c>ble-heart-rate</c>: Heart Rate Measurement (0x2A37) → one HeartRate observation. When the sensor supports
/// contact detection and reports no contact, the value is Invalid with <see cref="ObservationFlags.ProbeOff"/> and
/// a ProbeOff edge is reported (ended when contact returns or the device stops reporting contact). Energy expended
/// and RR intervals are validated but not reported; read them with
/// <see cref="HeartRateMeasurement.TryParse(ReadOnlySpan{byte}, out HeartRateMeasurement)"/>. Plausibility of the
/// number (e.g. 0 bpm) is left to the clinical engine.
/// </summary>
public sealed class HeartRateProtocol : GattCharacteristicProtocol
{
    /// <summary>Protocol id in device profiles.</summary>
    public const string Id = "ble-heart-rate";

    private readonly ConditionTracker _conditions = new();

    /// <inheritdoc cref="GattCharacteristicProtocol(string, TimeSpan)"/>
    public HeartRateProtocol(string deviceId, TimeSpan deviceClockUtcOffset = default)
        : base(deviceId, deviceClockUtcOffset)
    {
    }

    /// <inheritdoc/>
    public override string ProtocolId => Id;

    /// <inheritdoc/>
    protected override void DecodeValue(ReadOnlySpan<byte> value, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        if (!HeartRateMeasurement.TryParseWithoutRr(value, out var m, out _, out var error))
        {
            sink.OnProtocolError(error);
            return;
        }

        bool noContact = m.SensorContact == HeartRateSensorContact.NoContact;
        _conditions.Update(noContact ? ConditionTracker.Bit(DeviceCondition.ProbeOff) : 0, DeviceId, receivedAt, 0, sink);
        sink.OnObservation(noContact
            ? Observation.Invalid(DeviceId, Metric.HeartRate, ObservationFlags.ProbeOff, receivedAt)
            : new Observation(DeviceId, Metric.HeartRate, m.HeartRate, Validity.Valid, ObservationFlags.None, receivedAt));
    }
}

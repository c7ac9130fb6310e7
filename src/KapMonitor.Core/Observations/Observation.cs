namespace KapMonitor.Core.Observations;

/// <summary>
/// One normalised measurement: the unit of data between decoders, the clinical engine, the journal and
/// the forwarders. Immutable; <see cref="Value"/> is NaN whenever <see cref="Validity"/> is
/// <see cref="Validity.Invalid"/>. Instants are UTC.
/// </summary>
/// <param name="DeviceId">Configured id of the device that produced it (e.g. <c>room-3-oximeter</c>).</param>
/// <param name="Metric">What was measured.</param>
/// <param name="Value">Value in the metric's UCUM unit (<see cref="MetricCatalog"/>), NaN when invalid.</param>
/// <param name="Validity">Whether the value may drive clinical decisions.</param>
/// <param name="Flags">Device-reported conditions.</param>
/// <param name="ReceivedAt">When the host received the bytes (wall clock, UTC).</param>
/// <param name="DeviceTime">Device's own timestamp, when the protocol carries one.</param>
/// <param name="OriginalValue">Value before unit conversion (e.g. kPa from a BLE cuff), else null.</param>
/// <param name="OriginalUnit">UCUM unit of <paramref name="OriginalValue"/>, else null.</param>
public readonly record struct Observation(
    string DeviceId,
    Metric Metric,
    double Value,
    Validity Validity,
    ObservationFlags Flags,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DeviceTime = null,
    double? OriginalValue = null,
    string? OriginalUnit = null)
{
    /// <summary>UCUM unit of <see cref="Value"/>.</summary>
    public string Unit => MetricCatalog.Get(Metric).Ucum;

    /// <summary>True when the value may drive alarms and discharge decisions.</summary>
    public bool IsValid => Validity == Validity.Valid;

    /// <summary>An observation with no usable number.</summary>
    public static Observation Invalid(string deviceId, Metric metric, ObservationFlags flags, DateTimeOffset receivedAt, DateTimeOffset? deviceTime = null) =>
        new(deviceId, metric, double.NaN, Validity.Invalid, flags, receivedAt, deviceTime);
}

namespace KapMonitor.Core.Observations;

/// <summary>
/// A change in a technical condition of a device. Decoders report edges (condition became active or
/// inactive), not every frame.
/// </summary>
/// <param name="DeviceId">Configured device id.</param>
/// <param name="Condition">Which condition.</param>
/// <param name="Active">True when the condition began, false when it ended.</param>
/// <param name="At">When observed (host wall clock, UTC).</param>
/// <param name="Code">Device-specific code (e.g. NIBP error code), 0 when none.</param>
/// <param name="Detail">Short human-readable detail (e.g. "cuff over-pressure"), or null.</param>
public readonly record struct DeviceStatusEvent(
    string DeviceId,
    DeviceCondition Condition,
    bool Active,
    DateTimeOffset At,
    int Code = 0,
    string? Detail = null);

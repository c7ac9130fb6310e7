namespace KapMonitor.Core.Observations;

/// <summary>Device-reported conditions attached to an observation. They explain <see cref="Validity"/>; they are never numbers.</summary>
[Flags]
#pragma warning disable CA1711 // "Flags" is the domain word here.
public enum ObservationFlags : uint
#pragma warning restore CA1711
{
    /// <summary>No condition.</summary>
    None = 0,
    /// <summary>Sensor/probe off the patient (Nonin SNSD, Masimo Sensor Off, Contec finger out, PLX "sensor unconnected to user").</summary>
    ProbeOff = 1u << 0,
    /// <summary>Sensor cable disconnected or no sensor (PLX bit 15, Masimo No Sensor).</summary>
    SensorDisconnected = 1u << 1,
    /// <summary>Motion artifact / erratic signal.</summary>
    Artifact = 1u << 2,
    /// <summary>Low perfusion.</summary>
    LowPerfusion = 1u << 3,
    /// <summary>Marginal perfusion (Nonin MPRF/YPRF).</summary>
    MarginalPerfusion = 1u << 4,
    /// <summary>Oximeter out of track (Nonin OOT).</summary>
    OutOfTrack = 1u << 5,
    /// <summary>Searching for pulse.</summary>
    Searching = 1u << 6,
    /// <summary>Poor / inadequate / low-IQ signal.</summary>
    PoorSignal = 1u << 7,
    /// <summary>Interference or ambient light.</summary>
    Interference = 1u << 8,
    /// <summary>Sensor or equipment malfunction, defective or unrecognised sensor.</summary>
    SensorFault = 1u << 9,
    /// <summary>NIBP cuff too loose (BLS cuff-fit detection).</summary>
    CuffLoose = 1u << 10,
    /// <summary>Body movement during NIBP measurement.</summary>
    BodyMovement = 1u << 11,
    /// <summary>Irregular pulse detected during NIBP measurement.</summary>
    IrregularPulse = 1u << 12,
    /// <summary>Pulse rate outside the device's range.</summary>
    PulseRateOutOfRange = 1u << 13,
    /// <summary>Improper measurement position.</summary>
    ImproperPosition = 1u << 14,
    /// <summary>The NIBP cycle ended with an error code.</summary>
    NibpError = 1u << 15,
    /// <summary>Device battery low.</summary>
    LowBattery = 1u << 16,
    /// <summary>Early estimate / not yet validated data.</summary>
    EarlyEstimate = 1u << 17,
    /// <summary>Replayed from device memory rather than live.</summary>
    FromMemory = 1u << 18,
    /// <summary>Device says the data are for demonstration or testing.</summary>
    DemoData = 1u << 19,
    /// <summary>An NIBP cuff was inflating on the same arm when this value was taken.</summary>
    CuffInflating = 1u << 20,
    /// <summary>IEEE 11073 NaN (invalid result).</summary>
    NotANumber = 1u << 21,
    /// <summary>IEEE 11073 NRes (not at this resolution) or reserved value.</summary>
    NotAtResolution = 1u << 22,
    /// <summary>IEEE 11073 +INFINITY.</summary>
    PositiveInfinity = 1u << 23,
    /// <summary>IEEE 11073 −INFINITY.</summary>
    NegativeInfinity = 1u << 24,
    /// <summary>The value was converted from another unit; the original is in <see cref="Observation.OriginalValue"/>.</summary>
    Converted = 1u << 25,
    /// <summary>Value outside the physiologically plausible range for the metric.</summary>
    OutOfRange = 1u << 26,
    /// <summary>Nonin SmartPoint / device-qualified spot value.</summary>
    SmartPoint = 1u << 27,
}

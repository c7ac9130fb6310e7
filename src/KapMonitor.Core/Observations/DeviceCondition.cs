namespace KapMonitor.Core.Observations;

/// <summary>Technical (non-physiological) device states reported as <see cref="DeviceStatusEvent"/>s.</summary>
public enum DeviceCondition : byte
{
    /// <summary>Not a condition.</summary>
    None = 0,
    /// <summary>The byte channel to the device is open and data flow.</summary>
    Connected,
    /// <summary>The byte channel closed or failed (unplug, TCP drop).</summary>
    Disconnected,
    /// <summary>Probe off the patient.</summary>
    ProbeOff,
    /// <summary>Sensor cable disconnected / no sensor.</summary>
    SensorDisconnected,
    /// <summary>Searching for pulse.</summary>
    Searching,
    /// <summary>Motion artifact.</summary>
    Artifact,
    /// <summary>Low perfusion.</summary>
    LowPerfusion,
    /// <summary>Out of track.</summary>
    OutOfTrack,
    /// <summary>Sensor or equipment fault.</summary>
    SensorFault,
    /// <summary>Device battery low.</summary>
    LowBattery,
    /// <summary>An NIBP cycle started (cuff inflating).</summary>
    NibpCycleStarted,
    /// <summary>An NIBP cycle completed with a result.</summary>
    NibpCycleCompleted,
    /// <summary>An NIBP cycle failed; <see cref="DeviceStatusEvent.Code"/> carries the device error code.</summary>
    NibpFailed,
    /// <summary>The device rejected or did not answer a command.</summary>
    CommandFailed,
}

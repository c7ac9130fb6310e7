namespace KapMonitor.Simulators.Behaviour;

/// <summary>Technical state of a simulated oximeter for one reading; encoders map it to each protocol's status bits.</summary>
[Flags]
public enum OximeterStatus : ushort
{
    /// <summary>Normal.</summary>
    None = 0,
    /// <summary>Probe off the finger.</summary>
    ProbeOff = 1 << 0,
    /// <summary>Sensor cable disconnected.</summary>
    SensorDisconnected = 1 << 1,
    /// <summary>Motion artifact.</summary>
    Artifact = 1 << 2,
    /// <summary>Low perfusion.</summary>
    LowPerfusion = 1 << 3,
    /// <summary>Searching for a pulse.</summary>
    Searching = 1 << 4,
    /// <summary>An NIBP cuff on the same arm is inflated above diastolic.</summary>
    CuffInflating = 1 << 5,
}

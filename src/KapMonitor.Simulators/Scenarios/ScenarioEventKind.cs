namespace KapMonitor.Simulators.Scenarios;

/// <summary>What happens during a scenario event window. JSON names are the camelCase member names.</summary>
public enum ScenarioEventKind : byte
{
    /// <summary>Oximeter probe off the finger: no values, probe-off status.</summary>
    ProbeOff,
    /// <summary>Oximeter sensor cable unplugged from the device.</summary>
    SensorDisconnected,
    /// <summary>Patient moving: oximeter artifact (spurious values) and NIBP motion failures.</summary>
    Motion,
    /// <summary>Cold hands / low perfusion: low PI and low-perfusion status.</summary>
    LowPerfusion,
    /// <summary>Oximeter searching for a pulse.</summary>
    Searching,
    /// <summary>A real desaturation to <c>nadir</c> % (physiology, not artefact).</summary>
    Desaturation,
    /// <summary>The device's cable is pulled: the byte stream stops (pty/TCP closes) and comes back after.</summary>
    Unplug,
    /// <summary>Every NIBP cycle starting in the window fails with <c>error</c>.</summary>
    CuffError,
}

namespace KapMonitor.Simulators.Scenarios;

/// <summary>Which simulated devices an event applies to.</summary>
public enum ScenarioTarget : byte
{
    /// <summary>Every device in the session.</summary>
    All,
    /// <summary>Pulse oximeters only.</summary>
    Oximeter,
    /// <summary>NIBP cuffs only.</summary>
    Cuff,
}

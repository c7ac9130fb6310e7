namespace KapMonitor.Devices.Protocols.SunTech;

/// <summary>Host commands to the SunTech Advantage module used by KapMonitor.</summary>
public enum SunTechCommand : byte
{
    /// <summary>No command.</summary>
    None,
    /// <summary>Start an adult BP measurement: <c>3A 20 A6</c>.</summary>
    StartMeasurement,
    /// <summary>Get cuff pressure (poll ~200 ms during a cycle): <c>3A 79 05 00 48</c>.</summary>
    GetCuffPressure,
    /// <summary>Get BP data of the last cycle: <c>3A 79 03 00 4A</c>.</summary>
    GetBpData,
    /// <summary>Abort the running measurement: <c>3A 79 01 00 4C</c> ([DERIVED]).</summary>
    Abort,
    /// <summary>Reset the module: <c>3A 8A 3C</c> ([DERIVED]).</summary>
    Reset,
}

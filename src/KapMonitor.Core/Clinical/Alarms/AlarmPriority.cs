namespace KapMonitor.Core.Clinical.Alarms;

/// <summary>IEC 60601-1-8 alarm priorities. Which condition gets which priority is the profile's choice.</summary>
public enum AlarmPriority : byte
{
    /// <summary>No alarm.</summary>
    None = 0,
    /// <summary>Awareness.</summary>
    Low = 1,
    /// <summary>Prompt response; reversible injury.</summary>
    Medium = 2,
    /// <summary>Immediate response; death or irreversible injury.</summary>
    High = 3,
}

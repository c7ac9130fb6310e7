namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>Session timepoints that schedules and discharge timers count from.</summary>
public enum ScheduleAnchor : byte
{
    /// <summary>First dose: first nasal device, lozenge, or infusion start.</summary>
    FirstDose = 0,
    /// <summary>End of an IV infusion.</summary>
    InfusionEnd = 1,
}

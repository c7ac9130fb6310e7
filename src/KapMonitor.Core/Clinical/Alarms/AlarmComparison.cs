namespace KapMonitor.Core.Clinical.Alarms;

/// <summary>Direction of a limit. Both are inclusive (docs/clinical-engine.md writes "SBP ≥ 180", "SpO2 ≤ 91").</summary>
public enum AlarmComparison : byte
{
    /// <summary>Violating when value ≥ limit.</summary>
    AtOrAbove = 0,
    /// <summary>Violating when value ≤ limit.</summary>
    AtOrBelow = 1,
}

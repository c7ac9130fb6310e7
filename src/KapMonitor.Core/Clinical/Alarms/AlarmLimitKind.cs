namespace KapMonitor.Core.Clinical.Alarms;

/// <summary>How the limit of a rule is computed.</summary>
public enum AlarmLimitKind : byte
{
    /// <summary>The limit is the number itself.</summary>
    Absolute = 0,
    /// <summary>Baseline + number (number is signed, in the metric's unit).</summary>
    BaselinePlus = 1,
    /// <summary>Baseline × (1 + number / 100); number is signed.</summary>
    BaselinePercent = 2,
}

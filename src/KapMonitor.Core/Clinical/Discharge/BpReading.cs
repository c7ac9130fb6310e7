namespace KapMonitor.Core.Clinical.Discharge;

/// <summary>One NIBP reading: systolic and diastolic from the same cycle (paired within a few seconds).</summary>
/// <param name="At">When the systolic value was received (UTC).</param>
/// <param name="DeviceId">Cuff that measured it.</param>
/// <param name="Systolic">mm[Hg].</param>
/// <param name="Diastolic">mm[Hg].</param>
public readonly record struct BpReading(DateTimeOffset At, string DeviceId, double Systolic, double Diastolic);

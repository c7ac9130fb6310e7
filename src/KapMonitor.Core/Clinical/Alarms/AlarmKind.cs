namespace KapMonitor.Core.Clinical.Alarms;

/// <summary>IEC 60601-1-8: a value broke a limit, or the equipment cannot measure.</summary>
public enum AlarmKind : byte
{
    /// <summary>A patient value broke a limit.</summary>
    Physiological = 0,
    /// <summary>Sensor off, device disconnected, data stale, NIBP failed, measurement overdue.</summary>
    Technical = 1,
}

namespace KapMonitor.Core.Clinical.Alarms;

/// <summary>Where an alarm that has not yet been removed stands.</summary>
public enum AlarmState : byte
{
    /// <summary>Condition present, not acknowledged: annunciating.</summary>
    Active = 0,
    /// <summary>Condition present, acknowledged: shown, audio silent until the condition ends.</summary>
    Acknowledged = 1,
    /// <summary>Condition ended on a latching alarm not yet acknowledged: shown until acknowledged.</summary>
    Latched = 2,
}

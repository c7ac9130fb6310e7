namespace KapMonitor.Core.Clinical.Alarms;

/// <summary>Alarm condition delay (IEC 60601-1-8): what turns a violating value into an alarm condition.</summary>
public enum AlarmDelayKind : byte
{
    /// <summary>The first violating valid value raises.</summary>
    None = 0,
    /// <summary>Violating continuously for <see cref="AlarmRule.DelaySeconds"/> (Draeger validation periods, Taenzer 30 s).</summary>
    Persistence = 1,
    /// <summary>A violating NIBP reading requests a repeat; a second violating reading within the window raises
    /// (Draeger: "NBP 0 s, confirmed by repeating it").</summary>
    RepeatReading = 2,
    /// <summary>Integral of |limit − value| × seconds passes <see cref="AlarmRule.SatSecondsLimit"/> (Welch 2011 "SatSeconds").</summary>
    SatSeconds = 3,
}

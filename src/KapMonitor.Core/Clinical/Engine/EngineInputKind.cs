namespace KapMonitor.Core.Clinical.Engine;

/// <summary>Which member of an <see cref="EngineInput"/> is set.</summary>
public enum EngineInputKind : byte
{
    /// <summary>An observation.</summary>
    Observation = 0,
    /// <summary>A device status edge.</summary>
    Status = 1,
    /// <summary>A command.</summary>
    Command = 2,
    /// <summary>A tick.</summary>
    Tick = 3,
}

namespace KapMonitor.Simulators.Behaviour;

/// <summary>Why a simulated NIBP cycle fails (docs/simulators.md: motion, loose cuff, timeout, overpressure).</summary>
public enum NibpFault : byte
{
    /// <summary>The cycle succeeds.</summary>
    None,
    /// <summary>Weak oscillometric signal.</summary>
    WeakSignal,
    /// <summary>Excessive motion: the cycle drags on, then fails.</summary>
    Motion,
    /// <summary>Loose cuff or leak: cannot inflate.</summary>
    LooseCuff,
    /// <summary>No determination within the time limit.</summary>
    Timeout,
    /// <summary>Cuff pressure exceeded the safety limit.</summary>
    Overpressure,
}

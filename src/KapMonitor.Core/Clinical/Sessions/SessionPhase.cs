namespace KapMonitor.Core.Clinical.Sessions;

/// <summary>Where a session is in its life.</summary>
public enum SessionPhase : byte
{
    /// <summary>No <c>StartSession</c> yet; inputs are ignored.</summary>
    NotStarted = 0,
    /// <summary>Started, baseline being taken, dose not yet given.</summary>
    PreDose = 1,
    /// <summary>Dosed (first device / lozenge / infusion start); monitoring.</summary>
    Monitoring = 2,
    /// <summary>Monitoring ended; inputs are ignored.</summary>
    Ended = 3,
}

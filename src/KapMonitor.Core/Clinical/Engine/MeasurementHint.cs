namespace KapMonitor.Core.Clinical.Engine;

/// <summary>How the host should obtain a due measurement.</summary>
public enum MeasurementHint : byte
{
    /// <summary>The host starts the NIBP cycle itself.</summary>
    CommandCuff = 0,
    /// <summary>The therapist is asked to take it.</summary>
    PromptTherapist = 1,
}

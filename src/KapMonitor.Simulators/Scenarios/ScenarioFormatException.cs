namespace KapMonitor.Simulators.Scenarios;

/// <summary>A scenario file is malformed; the message names the file, the field and what to do.</summary>
public sealed class ScenarioFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScenarioFormatException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ScenarioFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ScenarioFormatException(string message, Exception innerException) : base(message, innerException) { }
}

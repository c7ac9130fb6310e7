namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>A profile file is malformed; <see cref="Errors"/> lists every problem as "file: field ...".</summary>
public sealed class ProfileValidationException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public ProfileValidationException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    /// <summary>Creates an exception with one message.</summary>
    public ProfileValidationException()
        : this(["invalid profile"])
    {
    }

    /// <summary>Creates an exception with one message.</summary>
    public ProfileValidationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates an exception with one message and a cause.</summary>
    public ProfileValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>Every problem found, each naming file, field and allowed values.</summary>
    public IReadOnlyList<string> Errors { get; }
}

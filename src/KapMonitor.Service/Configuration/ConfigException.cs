namespace KapMonitor.Service.Configuration;

/// <summary>A configuration file is wrong. The message names the file, the field and what is allowed.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException() { }

    public ConfigException(string message) : base(message) { }

    public ConfigException(string message, Exception innerException) : base(message, innerException) { }
}

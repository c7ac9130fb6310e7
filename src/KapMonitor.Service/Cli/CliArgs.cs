namespace KapMonitor.Service.Cli;

/// <summary>Minimal <c>--name value</c> / <c>--flag</c> parser with errors that say what to type.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CliArgs(string command, List<string> positional)
    {
        Command = command;
        Positional = positional;
    }

    /// <summary>The command word (<c>run</c>, <c>decode</c>...).</summary>
    public string Command { get; }

    /// <summary>Words that are not options.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses <paramref name="args"/>; the first word is the command.</summary>
    public static CliArgs Parse(string[] args)
    {
        var positional = new List<string>();
        var command = args.Length > 0 ? args[0] : "help";
        var parsed = new CliArgs(command, positional);
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = a.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    parsed._options[a[2..eq]] = a[(eq + 1)..];
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    parsed._options[a[2..]] = args[++i];
                }
                else
                {
                    parsed._options[a[2..]] = null;
                }
            }
            else
            {
                positional.Add(a);
            }
        }

        return parsed;
    }

    /// <summary>An option's value, or null when absent.</summary>
    public string? Get(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>True when <c>--name</c> was given.</summary>
    public bool Has(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    /// <summary>An option's value or a usage error.</summary>
    public string Require(string name, string what) =>
        Get(name) ?? throw new UsageException($"--{name} is required: {what}.");

    /// <summary>A numeric option, or <paramref name="fallback"/> when absent.</summary>
    public double GetDouble(string name, double fallback, double min, double max)
    {
        var v = Get(name);
        if (v is null)
        {
            return fallback;
        }

        if (!double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) || d < min || d > max)
        {
            throw new UsageException($"--{name} must be a number from {min} to {max} (found \"{v}\").");
        }

        return d;
    }

    /// <summary>Fails on options that no code asked for (typos).</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}

/// <summary>The command line is wrong; the message says how to fix it.</summary>
public sealed class UsageException : Exception
{
    public UsageException() { }

    public UsageException(string message) : base(message) { }

    public UsageException(string message, Exception inner) : base(message, inner) { }
}

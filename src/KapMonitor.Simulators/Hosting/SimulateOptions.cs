namespace KapMonitor.Simulators.Hosting;

/// <summary>Arguments of <c>kapmon simulate</c>.</summary>
public sealed record SimulateOptions
{
    /// <summary>Device profile: a protocol id (<c>nonin-df2</c>) or a model alias (<c>nonin-3150</c>).</summary>
    public required string Profile { get; init; }

    /// <summary>Scenario name (looked up in scenarios/) or path to a scenario JSON file.</summary>
    public required string Scenario { get; init; }

    /// <summary><c>pty</c>, <c>pty:LINK</c> (also symlink the slave at LINK), <c>tcp:PORT</c> or <c>file:PATH</c>.</summary>
    public string Transport { get; init; } = "pty";

    /// <summary>Seed; null = the scenario's own.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Time acceleration (1 = real time; 30 plays 3 h in 6 min).</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Where to look for scenario names; null = the nearest scenarios/ folder.</summary>
    public string? ScenarioDirectory { get; init; }

    /// <summary>False for a flat pleth waveform.</summary>
    public bool Pleth { get; init; } = true;
}

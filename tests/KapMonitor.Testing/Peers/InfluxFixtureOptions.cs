namespace KapMonitor.Testing.Peers;

/// <summary>How an <see cref="InfluxFixture"/> configures its influxd 1.x.</summary>
public sealed record InfluxFixtureOptions
{
    /// <summary>Turn on <c>[http] auth-enabled</c> and create <see cref="AdminUser"/> as the first (admin) user.</summary>
    public bool AuthEnabled { get; init; }

    /// <summary>Admin user created when <see cref="AuthEnabled"/> is set.</summary>
    public string AdminUser { get; init; } = "kapadmin";

    /// <summary>Password of <see cref="AdminUser"/>.</summary>
    public string AdminPassword { get; init; } = "kap-secret-1";

    /// <summary><c>[http] max-body-size</c> in bytes (influxd default 25000000); small values provoke 413.</summary>
    public int? MaxBodySize { get; init; }

    /// <summary>How long to wait for <c>/ping</c> to answer 204 after start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

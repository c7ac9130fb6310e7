using System.Globalization;

namespace KapMonitor.Devices.Transport;

/// <summary>Tuning of a <see cref="DeviceLink"/>.</summary>
public sealed record DeviceLinkOptions
{
    /// <summary>Wait before the first reconnect attempt; doubles per failed attempt up to <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between reconnect attempts.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Fraction of each back-off removed at random (0 = none, 0.5 = wait between half and all of it), so many
    /// links that lost the same terminal server do not reconnect in lock-step.
    /// </summary>
    public double BackoffJitter { get; init; } = 0.5;

    /// <summary>Receive buffer size; must hold the longest frame of the protocol plus one read.</summary>
    public int ReadBufferSize { get; init; } = 4096;

    /// <summary>Buffer the protocol writes its commands into.</summary>
    public int WriteBufferSize { get; init; } = 1024;

    /// <summary>Source of jitter; null uses <see cref="System.Random.Shared"/>. Tests pass a seeded one.</summary>
    public Random? Random { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (BackoffMin <= TimeSpan.Zero)
        {
            throw Bad(nameof(BackoffMin), $"must be positive (found {BackoffMin})");
        }

        if (BackoffMax < BackoffMin)
        {
            throw Bad(nameof(BackoffMax), $"must be at least BackoffMin {BackoffMin} (found {BackoffMax})");
        }

        if (BackoffJitter is < 0 or > 1 || double.IsNaN(BackoffJitter))
        {
            throw Bad(nameof(BackoffJitter), string.Create(CultureInfo.InvariantCulture, $"must be between 0 and 1 (found {BackoffJitter})"));
        }

        if (ReadBufferSize < 16)
        {
            throw Bad(nameof(ReadBufferSize), string.Create(CultureInfo.InvariantCulture, $"must be at least 16 bytes (found {ReadBufferSize})"));
        }

        if (WriteBufferSize < 1)
        {
            throw Bad(nameof(WriteBufferSize), string.Create(CultureInfo.InvariantCulture, $"must be at least 1 byte (found {WriteBufferSize})"));
        }
    }

    private static ArgumentException Bad(string name, string problem) => new($"DeviceLinkOptions.{name} {problem}.", name);
}

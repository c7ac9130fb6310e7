namespace KapMonitor.Devices.Transport;

/// <summary>Socket settings of a <see cref="TcpByteChannel"/>.</summary>
public sealed record TcpByteChannelOptions
{
    /// <summary>How long a connect may take before the terminal server counts as unreachable.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Idle time before the first TCP keep-alive probe; detects a terminal server that lost power.</summary>
    public TimeSpan KeepAliveTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between unanswered keep-alive probes.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Unanswered probes before the connection is dropped.</summary>
    public int KeepAliveRetryCount { get; init; } = 3;
}

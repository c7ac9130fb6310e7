using KapMonitor.Service.Api.Auth;
using KapMonitor.Service.Pipeline;

namespace KapMonitor.Service;

/// <summary>How the host is built beyond the config file: the clock, extra listeners, logging (tests and the demo set these).</summary>
public sealed class ServiceHostOptions
{
    /// <summary>The clock shared by every component (a scaled clock in the demo, a manual one in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The clock of network peers (MQTT keep-alive and connect timeouts, InfluxDB retries). Real time even
    /// when session time is accelerated: a broker does not answer 60 times faster because the demo runs fast.
    /// </summary>
    public TimeProvider TransportTime { get; init; } = TimeProvider.System;

    /// <summary>In-process listeners added to every room.</summary>
    public IList<IRoomObserver> Observers { get; } = [];

    /// <summary>Replaces the default logging set-up.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>Overrides the config's HTTP URLs (tests bind 127.0.0.1:0).</summary>
    public string? Urls { get; init; }

    /// <summary>Users to use instead of the users file.</summary>
    public UserStore? Users { get; init; }
}

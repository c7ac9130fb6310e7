namespace KapMonitor.Storage;

/// <summary>How a forwarding pass ended.</summary>
public enum ForwardPassStatus
{
    /// <summary>Every room was forwarded up to what the journal had committed.</summary>
    CaughtUp,
    /// <summary>InfluxDB was unavailable; the rest stays in the journal for the next try.</summary>
    Deferred,
    /// <summary>A configuration problem (credentials, missing database); nothing more is sent until it is fixed.</summary>
    Failed,
}

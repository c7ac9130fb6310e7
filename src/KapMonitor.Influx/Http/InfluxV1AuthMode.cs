namespace KapMonitor.Influx;

/// <summary>How InfluxDB 1.x credentials are sent.</summary>
public enum InfluxV1AuthMode
{
    /// <summary>HTTP Basic authentication header (keeps the password out of URLs and proxy logs).</summary>
    Basic = 0,

    /// <summary><c>u</c> and <c>p</c> query parameters.</summary>
    QueryString,
}

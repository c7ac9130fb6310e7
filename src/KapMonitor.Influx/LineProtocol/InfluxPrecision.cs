namespace KapMonitor.Influx;

/// <summary>
/// Unit of the timestamps in a line-protocol body. The same value must be used by the
/// <see cref="LineProtocolWriter"/> that encodes the lines and by the <see cref="InfluxEndpoint"/> that sends
/// them, because the server only learns the unit from the request's <c>precision</c> parameter.
/// </summary>
public enum InfluxPrecision
{
    /// <summary>Nanoseconds since the Unix epoch (the server default).</summary>
    Nanoseconds = 0,

    /// <summary>Microseconds since the Unix epoch (sent as <c>u</c> to InfluxDB 1.x, which ignores <c>us</c>).</summary>
    Microseconds,

    /// <summary>Milliseconds since the Unix epoch.</summary>
    Milliseconds,

    /// <summary>Whole seconds since the Unix epoch.</summary>
    Seconds,
}

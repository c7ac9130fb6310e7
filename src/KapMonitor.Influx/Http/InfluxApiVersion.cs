namespace KapMonitor.Influx;

/// <summary>Which InfluxDB write API an <see cref="InfluxEndpoint"/> talks to (InfluxDB HTTP API docs: 1.x /write, 2.x /api/v2/write, 3.x /api/v3/write_lp).</summary>
public enum InfluxApiVersion
{
    /// <summary>InfluxDB 1.x: <c>POST /write?db=&amp;rp=&amp;precision=</c>, user name and password.</summary>
    V1 = 1,

    /// <summary>InfluxDB 2.x OSS/Cloud: <c>POST /api/v2/write?org=&amp;bucket=&amp;precision=</c>, <c>Authorization: Token</c>.</summary>
    V2 = 2,

    /// <summary>InfluxDB 3.x Core/Enterprise: <c>POST /api/v3/write_lp?db=&amp;precision=&amp;accept_partial=</c>, bearer token.</summary>
    V3 = 3,
}

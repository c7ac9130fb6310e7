using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace KapMonitor.Influx;

/// <summary>
/// Where and how to write: server URL, API version, target database/bucket, credentials, timestamp precision and
/// compression. Settable properties so it binds from configuration; use the <c>For…</c> factories in code.
/// </summary>
public sealed record InfluxEndpoint
{
    /// <summary>Write API version of the server.</summary>
    public InfluxApiVersion Version { get; init; } = InfluxApiVersion.V1;

    /// <summary>Base URL of the server, e.g. <c>http://127.0.0.1:8086/</c>.</summary>
    public Uri? Url { get; init; }

    /// <summary>Database name (V1 and V3).</summary>
    public string? Database { get; init; }

    /// <summary>Retention policy (V1, optional; the database default when empty).</summary>
    public string? RetentionPolicy { get; init; }

    /// <summary>User name (V1, optional).</summary>
    public string? Username { get; init; }

    /// <summary>Password (V1, optional).</summary>
    public string? Password { get; init; }

    /// <summary>How V1 credentials are sent; default HTTP Basic.</summary>
    public InfluxV1AuthMode V1AuthMode { get; init; } = InfluxV1AuthMode.Basic;

    /// <summary>Organization name or id (V2).</summary>
    public string? Org { get; init; }

    /// <summary>Bucket name (V2).</summary>
    public string? Bucket { get; init; }

    /// <summary>API token (V2: <c>Authorization: Token</c>; V3: <c>Authorization: Bearer</c>).</summary>
    public string? Token { get; init; }

    /// <summary>V3 only: let the server keep the good lines of a batch that has bad ones (server default true).</summary>
    public bool AcceptPartial { get; init; } = true;

    /// <summary>Unit of the timestamps in the bodies sent; must match the <see cref="LineProtocolWriter"/> that made them.</summary>
    public InfluxPrecision Precision { get; init; } = InfluxPrecision.Nanoseconds;

    /// <summary>Compress request bodies with gzip (<c>Content-Encoding: gzip</c>).</summary>
    public bool Gzip { get; init; }

    /// <summary>How long one request may take before it is abandoned and reported as retryable.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An InfluxDB 1.x endpoint.</summary>
    public static InfluxEndpoint ForV1(Uri url, string database, string? retentionPolicy = null, string? username = null, string? password = null) =>
        new() { Version = InfluxApiVersion.V1, Url = url, Database = database, RetentionPolicy = retentionPolicy, Username = username, Password = password };

    /// <summary>An InfluxDB 2.x endpoint.</summary>
    public static InfluxEndpoint ForV2(Uri url, string org, string bucket, string token) =>
        new() { Version = InfluxApiVersion.V2, Url = url, Org = org, Bucket = bucket, Token = token };

    /// <summary>An InfluxDB 3.x endpoint.</summary>
    public static InfluxEndpoint ForV3(Uri url, string database, string token) =>
        new() { Version = InfluxApiVersion.V3, Url = url, Database = database, Token = token };

    /// <summary>
    /// The <c>precision</c> query value each API understands. InfluxDB 1.x wants <c>n,u,ms,s</c> and silently
    /// treats <c>us</c> (or anything unknown) as nanoseconds [LAB 1.6.7]; 2.x wants <c>ns,us,ms,s</c>; 3.x spells
    /// the unit out.
    /// </summary>
    public static string PrecisionParameter(InfluxApiVersion version, InfluxPrecision precision) => (version, precision) switch
    {
        (InfluxApiVersion.V1, InfluxPrecision.Nanoseconds) => "n",
        (InfluxApiVersion.V1, InfluxPrecision.Microseconds) => "u",
        (InfluxApiVersion.V2, InfluxPrecision.Nanoseconds) => "ns",
        (InfluxApiVersion.V2, InfluxPrecision.Microseconds) => "us",
        (InfluxApiVersion.V1 or InfluxApiVersion.V2, InfluxPrecision.Milliseconds) => "ms",
        (InfluxApiVersion.V1 or InfluxApiVersion.V2, InfluxPrecision.Seconds) => "s",
        (InfluxApiVersion.V3, InfluxPrecision.Nanoseconds) => "nanosecond",
        (InfluxApiVersion.V3, InfluxPrecision.Microseconds) => "microsecond",
        (InfluxApiVersion.V3, InfluxPrecision.Milliseconds) => "millisecond",
        (InfluxApiVersion.V3, InfluxPrecision.Seconds) => "second",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), $"No precision parameter for {version}/{precision}."),
    };

    /// <summary>Lists what is missing or wrong, each as a sentence naming the setting; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"Url must be an absolute http:// or https:// URL of the InfluxDB server (found '{Url}').");
        }

        switch (Version)
        {
            case InfluxApiVersion.V1:
                Require(problems, Database, "Database", "the InfluxDB 1.x database to write to");
                if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
                {
                    problems.Add("Username and Password must be set together (or both left empty when auth is off).");
                }

                break;
            case InfluxApiVersion.V2:
                Require(problems, Org, "Org", "the InfluxDB 2.x organization");
                Require(problems, Bucket, "Bucket", "the InfluxDB 2.x bucket to write to");
                Require(problems, Token, "Token", "an API token with write permission on the bucket");
                break;
            case InfluxApiVersion.V3:
                Require(problems, Database, "Database", "the InfluxDB 3.x database to write to");
                Require(problems, Token, "Token", "an API token with write permission on the database");
                break;
            default:
                problems.Add($"Version must be V1, V2 or V3 (found {(int)Version}).");
                break;
        }

        if (!Enum.IsDefined(Precision))
        {
            problems.Add($"Precision must be Nanoseconds, Microseconds, Milliseconds or Seconds (found {(int)Precision}).");
        }

        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"RequestTimeout must be positive (found {RequestTimeout}).");
        }

        return problems;
    }

    /// <summary>The write URL with every query parameter for this endpoint.</summary>
    public Uri BuildWriteUri()
    {
        var query = new StringBuilder();
        string path;
        switch (Version)
        {
            case InfluxApiVersion.V1:
                path = "write";
                Append(query, "db", Database);
                Append(query, "rp", RetentionPolicy);
                Append(query, "precision", PrecisionParameter(Version, Precision));
                if (V1AuthMode == InfluxV1AuthMode.QueryString && !string.IsNullOrEmpty(Username))
                {
                    Append(query, "u", Username);
                    Append(query, "p", Password);
                }

                break;
            case InfluxApiVersion.V2:
                path = "api/v2/write";
                Append(query, "org", Org);
                Append(query, "bucket", Bucket);
                Append(query, "precision", PrecisionParameter(Version, Precision));
                break;
            default:
                path = "api/v3/write_lp";
                Append(query, "db", Database);
                Append(query, "precision", PrecisionParameter(Version, Precision));
                Append(query, "accept_partial", AcceptPartial ? "true" : "false");
                break;
        }

        return new Uri(BaseUrl(), path + "?" + query);
    }

    /// <summary>The health URL (<c>GET /ping</c>, answered by 1.x, 2.x and 3.x).</summary>
    public Uri BuildPingUri() => new(BaseUrl(), "ping");

    /// <summary>The <c>Authorization</c> header for this endpoint, or null when none is needed.</summary>
    public AuthenticationHeaderValue? BuildAuthorization()
    {
        switch (Version)
        {
            case InfluxApiVersion.V1 when V1AuthMode == InfluxV1AuthMode.Basic && !string.IsNullOrEmpty(Username):
                string pair = Username + ":" + Password;
                return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
            case InfluxApiVersion.V2 when !string.IsNullOrEmpty(Token):
                return new AuthenticationHeaderValue("Token", Token);
            case InfluxApiVersion.V3 when !string.IsNullOrEmpty(Token):
                return new AuthenticationHeaderValue("Bearer", Token);
            default:
                return null;
        }
    }

    /// <summary>Describes the target without secrets, for logs and error messages.</summary>
    public override string ToString() => Version switch
    {
        InfluxApiVersion.V1 => string.Create(CultureInfo.InvariantCulture, $"InfluxDB 1.x {Url} database '{Database}'{(string.IsNullOrEmpty(RetentionPolicy) ? "" : $" rp '{RetentionPolicy}'")}"),
        InfluxApiVersion.V2 => string.Create(CultureInfo.InvariantCulture, $"InfluxDB 2.x {Url} org '{Org}' bucket '{Bucket}'"),
        _ => string.Create(CultureInfo.InvariantCulture, $"InfluxDB 3.x {Url} database '{Database}'"),
    };

    private Uri BaseUrl()
    {
        if (Url is null)
        {
            throw new InvalidOperationException("Url is not set.");
        }

        // Keep any path prefix (reverse proxies) by making sure the base ends with a slash.
        string text = Url.AbsoluteUri;
        return text.EndsWith('/') ? Url : new Uri(text + "/");
    }

    private static void Require(List<string> problems, string? value, string setting, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{setting} must be set: {what}.");
        }
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace KapMonitor.Testing.Peers;

/// <summary>
/// A real influxd 1.x (Debian package <c>influxdb</c>) in a temp directory with every listener on a free
/// 127.0.0.1 port (never 8086/8088), for integration tests. Stop and start again keep the same ports and data,
/// so outage tests can take the server away and bring it back.
/// </summary>
public sealed class InfluxFixture : IAsyncDisposable
{
    private readonly string _binary;
    private readonly TempDirectory _directory;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private PeerProcess? _process;

    private InfluxFixture(string binary, InfluxFixtureOptions options)
    {
        _binary = binary;
        Options = options;
        _directory = new TempDirectory("kapinflux");
        HttpPort = FreePort.Next();
        RpcPort = FreePort.Next();
        while (RpcPort == HttpPort)
        {
            RpcPort = FreePort.Next();
        }

        ConfigPath = _directory.Combine("influxdb.conf");
        File.WriteAllText(ConfigPath, BuildConfig());
    }

    /// <summary>Options the server was configured with.</summary>
    public InfluxFixtureOptions Options { get; }

    /// <summary>The HTTP API port on 127.0.0.1.</summary>
    public int HttpPort { get; }

    /// <summary>The RPC (backup/restore) port on 127.0.0.1.</summary>
    public int RpcPort { get; }

    /// <summary>Base URL of the HTTP API, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}/"));

    /// <summary>The generated configuration file.</summary>
    public string ConfigPath { get; }

    /// <summary>Root of the meta, data and wal directories.</summary>
    public string DataDirectory => _directory.Path;

    /// <summary>True while influxd runs.</summary>
    public bool IsRunning => _process?.IsRunning == true;

    /// <summary>Recent influxd output, for failure messages.</summary>
    public string Tail() => _process?.Tail() ?? "(influxd not started)";

    /// <summary>Starts influxd and waits until <c>/ping</c> answers 204; creates the admin user when auth is on.</summary>
    public static async Task<InfluxFixture> StartNewAsync(InfluxFixtureOptions? options = null)
    {
        string binary = PeerBinary.Require("influxd", "influxdb");
        var fixture = new InfluxFixture(binary, options ?? new InfluxFixtureOptions());
        try
        {
            await fixture.StartAsync();
            if (fixture.Options.AuthEnabled)
            {
                // With auth on and no users yet, influxd 1.x accepts exactly this statement unauthenticated.
                await fixture.QueryRawAsync(
                    $"CREATE USER \"{fixture.Options.AdminUser}\" WITH PASSWORD '{fixture.Options.AdminPassword}' WITH ALL PRIVILEGES", null, "POST");
            }

            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>(Re)starts influxd on the same ports and data directory and waits for <c>/ping</c>.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("influxd is already running.");
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _process = PeerProcess.Start(_binary, ["-config", ConfigPath], _directory.Path);
        await WaitForPingAsync(Options.StartTimeout);
    }

    /// <summary>Stops influxd gracefully (SIGTERM, then SIGKILL after the grace period).</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(10));
        }

        // A new start must bind the same ports, so make sure the old listener is gone.
        await WaitPortClosedAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>Kills influxd (SIGKILL) as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
        }

        await WaitPortClosedAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>Creates a database (<c>CREATE DATABASE</c> is idempotent in 1.x).</summary>
    public Task CreateDatabaseAsync(string name) => QueryRawAsync($"CREATE DATABASE \"{name}\"", null, "POST");

    /// <summary>Runs an InfluxQL statement and returns the JSON answer; throws if the server reports an error.</summary>
    public async Task<JsonDocument> QueryAsync(string influxQl, string? database = null)
    {
        string text = await QueryRawAsync(influxQl, database, "GET");
        return JsonDocument.Parse(text);
    }

    /// <summary>
    /// Runs <c>SELECT COUNT(field) FROM measurement</c> (or any query whose first value is a count) and returns the
    /// number, 0 when the result has no series.
    /// </summary>
    public async Task<long> CountAsync(string database, string measurement, string field)
    {
        using JsonDocument document = await QueryAsync($"SELECT COUNT(\"{field}\") FROM \"{measurement}\"", database);
        JsonElement result = document.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out JsonElement series))
        {
            return 0;
        }

        return series[0].GetProperty("values")[0][1].GetInt64();
    }

    /// <summary>Returns the rows of the first series of a query as JSON arrays (empty when none).</summary>
    public async Task<IReadOnlyList<JsonElement>> RowsAsync(string influxQl, string database)
    {
        using JsonDocument document = await QueryAsync(influxQl, database);
        JsonElement result = document.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out JsonElement series))
        {
            return [];
        }

        return [.. series[0].GetProperty("values").EnumerateArray().Select(v => v.Clone())];
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _http.Dispose();
        _directory.Dispose();
    }

    private async Task<string> QueryRawAsync(string influxQl, string? database, string method)
    {
        var query = new StringBuilder("query?q=").Append(Uri.EscapeDataString(influxQl));
        if (database is not null)
        {
            query.Append("&db=").Append(Uri.EscapeDataString(database));
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Url, query.ToString()));
        if (Options.AuthEnabled)
        {
            string pair = Options.AdminUser + ":" + Options.AdminPassword;
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        using HttpResponseMessage response = await _http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || body.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"influxd query '{influxQl}' failed: HTTP {(int)response.StatusCode} {body}\n{Tail()}");
        }

        return body;
    }

    private async Task WaitForPingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is { IsRunning: false })
            {
                throw new InvalidOperationException($"influxd exited during start-up:\n{Tail()}");
            }

            try
            {
                using HttpResponseMessage response = await _http.GetAsync(new Uri(Url, "ping"));
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"influxd did not answer /ping with 204 on port {HttpPort} within {timeout.TotalSeconds:0} s:\n{Tail()}");
            }

            await Task.Delay(50);
        }
    }

    private async Task WaitPortClosedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, HttpPort);
            }
            catch (System.Net.Sockets.SocketException)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"influxd still listens on {HttpPort} {timeout.TotalSeconds:0} s after being stopped.\n{Tail()}");
    }

    private string BuildConfig()
    {
        string dir = _directory.Path;
        var config = new StringBuilder();
        // influxd 1.x binds the RPC service (backup/restore) on the top-level bind-address: keep it off 8088.
        config.AppendLine("reporting-disabled = true");
        config.AppendLine(CultureInfo.InvariantCulture, $"bind-address = \"127.0.0.1:{RpcPort}\"");
        config.AppendLine("[meta]");
        config.AppendLine(CultureInfo.InvariantCulture, $"  dir = \"{dir}/meta\"");
        config.AppendLine("[data]");
        config.AppendLine(CultureInfo.InvariantCulture, $"  dir = \"{dir}/data\"");
        config.AppendLine(CultureInfo.InvariantCulture, $"  wal-dir = \"{dir}/wal\"");
        config.AppendLine("  query-log-enabled = false");
        config.AppendLine("[monitor]");
        config.AppendLine("  store-enabled = false");
        config.AppendLine("[continuous_queries]");
        config.AppendLine("  enabled = false");
        config.AppendLine("[http]");
        config.AppendLine("  enabled = true");
        config.AppendLine(CultureInfo.InvariantCulture, $"  bind-address = \"127.0.0.1:{HttpPort}\"");
        config.AppendLine(CultureInfo.InvariantCulture, $"  auth-enabled = {(Options.AuthEnabled ? "true" : "false")}");
        config.AppendLine("  log-enabled = false");
        if (Options.MaxBodySize is int maxBody)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"  max-body-size = {maxBody}");
        }

        return config.ToString();
    }
}

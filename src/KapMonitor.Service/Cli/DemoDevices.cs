using KapMonitor.Service.Configuration;

namespace KapMonitor.Service.Cli;

/// <summary>The demo room's devices and configuration.</summary>
public static class DemoDevices
{
    /// <summary>Simulated oximeter protocol (a Nonin WristOx2 3150 in data format 8).</summary>
    public const string OximeterProtocol = "nonin-df8";

    /// <summary>Device profile matching <see cref="OximeterProtocol"/>.</summary>
    public const string OximeterProfile = "nonin-3150";

    /// <summary>Simulated NIBP module protocol (commandable: the service starts cycles).</summary>
    public const string CuffProtocol = "suntech-advantage";

    /// <summary>Device profile matching <see cref="CuffProtocol"/>.</summary>
    public const string CuffProfile = "suntech-advantage";

    /// <summary>
    /// The configuration the demo runs with. The oximeter is on the left arm; the cuff on the same arm when the
    /// scenario puts it there (<paramref name="cuffOnOximeterArm"/>), so SpO2 is suppressed during its cycles only then.
    /// </summary>
    public static KapMonitorConfig Config(string work, string root, string site, string room, string oximeterPath, string cuffPath, bool cuffOnOximeterArm, string? mqtt, string? influx, int httpPort)
    {
        var config = new KapMonitorConfig
        {
            Site = site,
            Journal = new JournalConfig { Path = Path.Combine(work, "journal.db") },
            HttpUrls = $"http://127.0.0.1:{httpPort}",
            DeviceProfiles = Path.Combine(root, "device-profiles"),
            ProtocolProfiles = Path.Combine(root, "protocol-profiles"),
            Rooms =
            [
                new RoomConfig
                {
                    Id = room,
                    Devices =
                    [
                        new DeviceConfig { Id = $"{room}-oximeter", Profile = OximeterProfile, Port = oximeterPath, Arm = "left" },
                        new DeviceConfig { Id = $"{room}-cuff", Profile = CuffProfile, Port = cuffPath, Arm = cuffOnOximeterArm ? "left" : "right" },
                    ],
                },
            ],
        };
        if (mqtt is not null && ConfigLoader.TryParseHostPort(mqtt, out var host, out var port))
        {
            config.Mqtt = new MqttConfig { Host = host, Port = port, ProtocolVersion = "5.0", ClientId = $"kapmonitor-{site}-{room}" };
        }

        if (influx is not null)
        {
            config.Influx = new InfluxConfig { Api = "v1", Url = influx, Database = "kapmonitor" };
        }

        return config;
    }

    /// <summary>InfluxDB 1.x needs the database to exist before writes (CREATE DATABASE is idempotent).</summary>
    public static async Task CreateInfluxDatabaseAsync(string url, string database, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("q", $"CREATE DATABASE \"{database}\"")]);
        using var response = await http.PostAsync(new Uri("/query", UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}

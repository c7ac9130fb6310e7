namespace KapMonitor.Service.Configuration;

/// <summary>The service configuration file (<c>./kapmon run --config FILE</c>); see docs/configuration.md.</summary>
public sealed class KapMonitorConfig
{
    /// <summary>Site (clinic) id used in MQTT topics and InfluxDB tags. Lowercase letters, digits and dashes.</summary>
    public string Site { get; set; } = "clinic";

    /// <summary>Where the local journal (SQLite) lives. The embedded default store.</summary>
    public JournalConfig Journal { get; set; } = new();

    /// <summary>HTTP API listen URLs (semicolon separated). Loopback by default.</summary>
    public string HttpUrls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Users file (JSON with salted password hashes or token hashes). Relative to the config file.</summary>
    public string? UsersFile { get; set; }

    /// <summary>Folder of device profiles. Relative to the config file.</summary>
    public string DeviceProfiles { get; set; } = "device-profiles";

    /// <summary>Folder of prescriber protocol profiles. Relative to the config file.</summary>
    public string ProtocolProfiles { get; set; } = "protocol-profiles";

    /// <summary>MQTT broker; null = no MQTT (events stay in the journal's outbox).</summary>
    public MqttConfig? Mqtt { get; set; }

    /// <summary>InfluxDB; null = no InfluxDB (the journal keeps and serves everything).</summary>
    public InfluxConfig? Influx { get; set; }

    /// <summary>Treatment rooms served by this device.</summary>
    public List<RoomConfig> Rooms { get; set; } = [];
}

/// <summary>Journal settings.</summary>
public sealed class JournalConfig
{
    /// <summary>SQLite file path. Relative to the config file.</summary>
    public string Path { get; set; } = "kapmonitor-journal.db";

    /// <summary>Forwarded observations older than this are deleted; unforwarded data are never deleted.</summary>
    public int RetentionDays { get; set; } = 30;
}

/// <summary>A treatment room and its devices.</summary>
public sealed class RoomConfig
{
    /// <summary>Room id (lowercase letters, digits, dashes), used in topics and tags.</summary>
    public string Id { get; set; } = "";

    /// <summary>Devices in the room.</summary>
    public List<DeviceConfig> Devices { get; set; } = [];
}

/// <summary>One bedside device.</summary>
public sealed class DeviceConfig
{
    /// <summary>Device id, unique across the service.</summary>
    public string Id { get; set; } = "";

    /// <summary>Device profile id (file name without .json in the device-profiles folder).</summary>
    public string Profile { get; set; } = "";

    /// <summary>Serial device path (prefer /dev/serial/by-id/...). Exactly one of Port and Tcp.</summary>
    public string? Port { get; set; }

    /// <summary>Serial-over-TCP terminal server endpoint, host:port.</summary>
    public string? Tcp { get; set; }

    /// <summary>Body side the device is on ("left"/"right"), so SpO2 alarms are suppressed while a cuff inflates on the same arm.</summary>
    public string? Arm { get; set; }
}

/// <summary>MQTT broker settings.</summary>
public sealed class MqttConfig
{
    /// <summary>Broker host.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker port (1883 plain, 8883 TLS).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>"3.1.1" or "5.0".</summary>
    public string ProtocolVersion { get; set; } = "5.0";

    /// <summary>Client id; default kapmonitor-{site}.</summary>
    public string? ClientId { get; set; }

    /// <summary>User name, if the broker requires one.</summary>
    public string? Username { get; set; }

    /// <summary>Password, if the broker requires one.</summary>
    public string? Password { get; set; }

    /// <summary>Use TLS.</summary>
    public bool Tls { get; set; }

    /// <summary>CA certificate (PEM) that signed the broker's certificate.</summary>
    public string? CaFile { get; set; }

    /// <summary>Client certificate (PEM), optional.</summary>
    public string? ClientCertFile { get; set; }

    /// <summary>Client key (PEM), optional.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>Keep-alive seconds.</summary>
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>Subscribe to .../commands for tablet acknowledgements.</summary>
    public bool AcceptCommands { get; set; }
}

/// <summary>InfluxDB settings.</summary>
public sealed class InfluxConfig
{
    /// <summary>"v1", "v2" or "v3".</summary>
    public string Api { get; set; } = "v1";

    /// <summary>Base URL, e.g. http://influx.clinic.lan:8086.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8086";

    /// <summary>v1/v3 database.</summary>
    public string? Database { get; set; }

    /// <summary>v1 retention policy.</summary>
    public string? RetentionPolicy { get; set; }

    /// <summary>v1 user name.</summary>
    public string? Username { get; set; }

    /// <summary>v1 password.</summary>
    public string? Password { get; set; }

    /// <summary>v2 organisation.</summary>
    public string? Org { get; set; }

    /// <summary>v2 bucket.</summary>
    public string? Bucket { get; set; }

    /// <summary>v2/v3 token.</summary>
    public string? Token { get; set; }

    /// <summary>Compress request bodies.</summary>
    public bool Gzip { get; set; } = true;
}

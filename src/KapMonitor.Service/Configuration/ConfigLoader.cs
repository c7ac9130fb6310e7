using System.Text.Json;
using System.Text.RegularExpressions;

namespace KapMonitor.Service.Configuration;

/// <summary>Reads and validates the service configuration; every error names the file and the field.</summary>
public static partial class ConfigLoader
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads <paramref name="path"/>; relative paths inside are resolved against its folder.</summary>
    public static KapMonitorConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"{path}: configuration file not found.");
        }

        KapMonitorConfig config;
        try
        {
            config = JsonSerializer.Deserialize<KapMonitorConfig>(File.ReadAllText(path), s_json)
                ?? throw new ConfigException($"{path}: the file is empty; expected a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"{path}: {ex.Message}", ex);
        }

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        config.Journal.Path = Resolve(baseDir, config.Journal.Path);
        config.DeviceProfiles = Resolve(baseDir, config.DeviceProfiles);
        config.ProtocolProfiles = Resolve(baseDir, config.ProtocolProfiles);
        config.UsersFile = ResolveOptional(baseDir, config.UsersFile);
        if (config.Mqtt is { } mqtt)
        {
            mqtt.CaFile = ResolveOptional(baseDir, mqtt.CaFile);
            mqtt.ClientCertFile = ResolveOptional(baseDir, mqtt.ClientCertFile);
            mqtt.ClientKeyFile = ResolveOptional(baseDir, mqtt.ClientKeyFile);
        }

        Validate(path, config);
        return config;
    }

    /// <summary>Checks field values; throws <see cref="ConfigException"/> on the first problem.</summary>
    public static void Validate(string file, KapMonitorConfig config)
    {
        RequireId(file, "site", config.Site);
        if (config.Journal.RetentionDays is < 1 or > 3650)
        {
            Fail(file, "journal.retentionDays", "must be between 1 and 3650", config.Journal.RetentionDays);
        }

        var deviceIds = new HashSet<string>(StringComparer.Ordinal);
        var roomIds = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < config.Rooms.Count; r++)
        {
            var room = config.Rooms[r];
            RequireId(file, $"rooms[{r}].id", room.Id);
            if (!roomIds.Add(room.Id))
            {
                Fail(file, $"rooms[{r}].id", "must be unique", room.Id);
            }

            for (var d = 0; d < room.Devices.Count; d++)
            {
                var device = room.Devices[d];
                var at = $"rooms[{r}].devices[{d}]";
                RequireId(file, at + ".id", device.Id);
                if (!deviceIds.Add(device.Id))
                {
                    Fail(file, at + ".id", "must be unique across rooms", device.Id);
                }

                if (string.IsNullOrWhiteSpace(device.Profile))
                {
                    Fail(file, at + ".profile", "is required (a file name in the device-profiles folder, without .json)", device.Profile);
                }

                if ((device.Port is null) == (device.Tcp is null))
                {
                    throw new ConfigException($"{file}: {at}: set exactly one of \"port\" (serial device path) and \"tcp\" (host:port of a terminal server).");
                }

                if (device.Tcp is not null && !TryParseHostPort(device.Tcp, out _, out _))
                {
                    Fail(file, at + ".tcp", "must be host:port with a port from 1 to 65535", device.Tcp);
                }

                if (device.Arm is not null and not ("left" or "right"))
                {
                    Fail(file, at + ".arm", "must be one of left, right", device.Arm);
                }
            }
        }

        if (config.Mqtt is { } mqtt)
        {
            if (mqtt.ProtocolVersion is not ("3.1.1" or "5.0"))
            {
                Fail(file, "mqtt.protocolVersion", "must be one of 3.1.1, 5.0", mqtt.ProtocolVersion);
            }

            if (mqtt.Port is < 1 or > 65535)
            {
                Fail(file, "mqtt.port", "must be from 1 to 65535", mqtt.Port);
            }

            if (mqtt.KeepAliveSeconds is < 0 or > 65535)
            {
                Fail(file, "mqtt.keepAliveSeconds", "must be from 0 to 65535", mqtt.KeepAliveSeconds);
            }

            if (mqtt.AcceptCommands && config.UsersFile is null)
            {
                // Without users every command would be refused; say so at start rather than per command.
                Fail(file, "mqtt.acceptCommands", "needs usersFile: tablet commands are checked against its users and tokens", mqtt.AcceptCommands);
            }
        }

        if (config.Influx is { } influx)
        {
            switch (influx.Api)
            {
                case "v1" when string.IsNullOrEmpty(influx.Database):
                    Fail(file, "influx.database", "is required with api v1", influx.Database);
                    break;
                case "v2" when string.IsNullOrEmpty(influx.Bucket) || string.IsNullOrEmpty(influx.Org):
                    throw new ConfigException($"{file}: influx: api v2 needs \"org\" and \"bucket\" (and usually \"token\").");
                case "v3" when string.IsNullOrEmpty(influx.Database):
                    Fail(file, "influx.database", "is required with api v3", influx.Database);
                    break;
                case "v1" or "v2" or "v3":
                    break;
                default:
                    Fail(file, "influx.api", "must be one of v1, v2, v3", influx.Api);
                    break;
            }

            if (!Uri.TryCreate(influx.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                Fail(file, "influx.url", "must be an absolute http:// or https:// URL", influx.Url);
            }
        }
    }

    /// <summary>Parses host:port (IPv6 in brackets).</summary>
    public static bool TryParseHostPort(string value, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = value[..colon].Trim('[', ']');
        return host.Length > 0;
    }

    private static void RequireId(string file, string field, string value)
    {
        if (!IdPattern().IsMatch(value ?? ""))
        {
            Fail(file, field, "must be 1-64 lowercase letters, digits or dashes, starting with a letter or digit", value);
        }
    }

    private static void Fail(string file, string field, string rule, object? found) =>
        throw new ConfigException($"{file}: {field} {rule} (found {(found is null ? "nothing" : $"\"{found}\"")}).");

    private static string Resolve(string baseDir, string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDir, path));

    private static string? ResolveOptional(string baseDir, string? path) => path is null ? null : Resolve(baseDir, path);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}

using System.Text.Json;
using System.Text.RegularExpressions;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Generic;

namespace KapMonitor.Devices.Profiles;

/// <summary>
/// Loads and validates device profiles (one JSON file per model, see docs/devices.md). Every problem is
/// reported as a message naming the file, the field and what is allowed; nothing throws on bad files.
/// </summary>
public static partial class DeviceProfileLoader
{
    /// <summary>Baud rates a profile may state.</summary>
    public static readonly IReadOnlyList<int> BaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

    private static readonly int[] s_baudRates = [.. BaudRates];
    private static readonly int[] s_dataBits = [5, 6, 7, 8];
    private static readonly int[] s_stopBits = [1, 2];
    private static readonly string[] s_kinds = ["oximeter", "nibp", "multi"];
    private static readonly string[] s_transports = ["serial", "tcp", "ble"];
    private static readonly string[] s_parities = ["none", "odd", "even", "mark", "space"];
    private static readonly string[] s_flowControls = ["none", "xonxoff", "rtscts"];
    private static readonly string[] s_topFields =
        ["id", "manufacturer", "model", "kind", "transport", "serial", "tcp", "ble", "protocol", "protocolOptions", "cadence", "metrics", "quirks", "sources"];

    /// <summary>Loads every <c>*.json</c> in <paramref name="directory"/>; messages name files as <c>&lt;directory name&gt;/&lt;file&gt;</c>.</summary>
    /// <param name="directory">The profile folder (e.g. <c>device-profiles</c>).</param>
    /// <param name="knownProtocolIds">Protocol ids to accept; default <see cref="ProtocolRegistry.Ids"/>.</param>
    public static DeviceProfileLoadResult LoadDirectory(string directory, IReadOnlyCollection<string>? knownProtocolIds = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        if (!Directory.Exists(directory))
        {
            return new DeviceProfileLoadResult([], [$"{directory}: profile folder not found; create it or point the service at the folder holding the device profiles"]);
        }

        var profiles = new List<DeviceProfile>();
        var errors = new List<string>();
        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var result = LoadFile(path, $"{folder}/{Path.GetFileName(path)}", knownProtocolIds);
            profiles.AddRange(result.Profiles);
            errors.AddRange(result.Errors);
        }

        foreach (var duplicate in profiles.GroupBy(p => p.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{folder}: profile id \"{duplicate.Key}\" is used by more than one file; ids must be unique");
        }

        return new DeviceProfileLoadResult(profiles, errors);
    }

    /// <summary>Loads one profile file; <paramref name="displayName"/> (default: the path) prefixes every message.</summary>
    public static DeviceProfileLoadResult LoadFile(string path, string? displayName = null, IReadOnlyCollection<string>? knownProtocolIds = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        displayName ??= path;
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new DeviceProfileLoadResult([], [$"{displayName}: cannot be read ({ex.Message})"]);
        }

        return Parse(json, displayName, Path.GetFileNameWithoutExtension(path), knownProtocolIds);
    }

    /// <summary>
    /// Parses and validates profile JSON. <paramref name="expectedId"/>, when given, must equal the profile's id
    /// (the file name stem).
    /// </summary>
    public static DeviceProfileLoadResult Parse(string json, string displayName, string? expectedId = null, IReadOnlyCollection<string>? knownProtocolIds = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return new DeviceProfileLoadResult([], [$"{displayName}: is not valid JSON ({ex.Message})"]);
        }

        using (document)
        {
            var profile = Read(document.RootElement, new ProfileJsonReader(displayName, errors), expectedId, knownProtocolIds ?? ProtocolRegistry.Ids);
            return new DeviceProfileLoadResult(profile is null || errors.Count > 0 ? [] : [profile], errors);
        }
    }

    private static DeviceProfile? Read(JsonElement root, ProfileJsonReader r, string? expectedId, IReadOnlyCollection<string> protocolIds)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            r.Error("(root)", "must be a JSON object");
            return null;
        }

        r.RejectUnknown(root, "", s_topFields);
        var id = r.String(root, "", "id");
        if (id is not null && !IdPattern().IsMatch(id))
        {
            r.Error("id", $"must be lowercase letters, digits and dashes (found \"{id}\")");
        }
        else if (id is not null && expectedId is not null && id != expectedId)
        {
            r.Error("id", $"must equal the file name \"{expectedId}\" (found \"{id}\")");
        }

        var manufacturer = r.String(root, "", "manufacturer");
        var model = r.String(root, "", "model");
        var kind = r.OneOf(root, "", "kind", s_kinds);
        var transport = r.OneOf(root, "", "transport", s_transports);
        var serial = ReadSerial(root, r, required: transport == "serial");
        var tcp = ReadTcp(root, r);
        var ble = ReadBle(root, r, required: transport == "ble", protocolIds);
        if (transport == "ble" && serial is not null)
        {
            r.Error("serial", "must not be set for a ble device");
        }

        var protocol = r.String(root, "", "protocol");
        if (protocol is not null && !protocolIds.Contains(protocol))
        {
            r.Error("protocol", $"must be one of {string.Join(", ", protocolIds)} (found \"{protocol}\")");
            protocol = null;
        }

        var options = r.Object(root, "", "protocolOptions", required: false);
        if (protocol is not null && ProtocolRegistry.Ids.Contains(protocol))
        {
            CheckOptions(protocol, options, r);
        }

        var cadence = r.String(root, "", "cadence");
        var metrics = new List<Metric>();
        foreach (var name in r.Strings(root, "", "metrics", required: true))
        {
            if (MetricCatalog.TryParse(name, out var info))
            {
                metrics.Add(info.Metric);
            }
            else
            {
                r.Error("metrics", $"must contain only {string.Join(", ", MetricCatalog.All.Select(m => m.Name))} (found \"{name}\")");
            }
        }

        var quirks = r.Strings(root, "", "quirks", required: false);
        var sources = r.Strings(root, "", "sources", required: true);
        if (r.HasErrors)
        {
            return null;
        }

        return new DeviceProfile
        {
            Id = id!,
            Manufacturer = manufacturer!,
            Model = model!,
            Kind = kind switch { "nibp" => DeviceKind.Nibp, "multi" => DeviceKind.Multi, _ => DeviceKind.Oximeter },
            Transport = transport switch { "tcp" => DeviceTransport.Tcp, "ble" => DeviceTransport.Ble, _ => DeviceTransport.Serial },
            Serial = serial,
            Tcp = tcp,
            Ble = ble,
            Protocol = protocol!,
            ProtocolOptions = options?.Clone(),
            Cadence = cadence!,
            Metrics = metrics,
            Quirks = quirks,
            Sources = sources,
        };
    }

    private static SerialProfile? ReadSerial(JsonElement root, ProfileJsonReader r, bool required)
    {
        if (r.Object(root, "", "serial", required) is not { } s)
        {
            return null;
        }

        r.RejectUnknown(s, "serial.", "baudRate", "dataBits", "parity", "stopBits", "flowControl");
        var baud = r.Int(s, "serial.", "baudRate", s_baudRates);
        var dataBits = r.Int(s, "serial.", "dataBits", s_dataBits);
        var parity = r.OneOf(s, "serial.", "parity", s_parities);
        var stopBits = r.Int(s, "serial.", "stopBits", s_stopBits);
        var flow = r.OneOf(s, "serial.", "flowControl", s_flowControls);
        return baud is null || dataBits is null || parity is null || stopBits is null || flow is null
            ? null
            : new SerialProfile(baud.Value, dataBits.Value, parity, stopBits.Value, flow);
    }

    private static TcpProfile? ReadTcp(JsonElement root, ProfileJsonReader r)
    {
        if (r.Object(root, "", "tcp", required: false) is not { } t)
        {
            return null;
        }

        r.RejectUnknown(t, "tcp.", "port");
        return new TcpProfile(r.IntRange(t, "tcp.", "port", 1, 65535));
    }

    private static BleProfile? ReadBle(JsonElement root, ProfileJsonReader r, bool required, IReadOnlyCollection<string> protocolIds)
    {
        if (r.Object(root, "", "ble", required) is not { } b)
        {
            return null;
        }

        r.RejectUnknown(b, "ble.", "service", "characteristics", "namePrefix", "pairingRequired");
        var service = Uuid(r.String(b, "ble.", "service"), "ble.service", r);
        var characteristics = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Object(b, "ble.", "characteristics", required: true) is { } chars)
        {
            foreach (var c in chars.EnumerateObject())
            {
                var uuid = Uuid(c.Name, $"ble.characteristics.{c.Name}", r);
                var protocol = c.Value.ValueKind == JsonValueKind.String ? c.Value.GetString() : null;
                if (protocol is null || !protocolIds.Contains(protocol))
                {
                    r.Error($"ble.characteristics.{c.Name}", $"must name a protocol, one of {string.Join(", ", protocolIds)} (found {c.Value.GetRawText()})");
                }
                else if (uuid is not null)
                {
                    characteristics[uuid] = protocol;
                }
            }

            if (!chars.EnumerateObject().Any())
            {
                r.Error("ble.characteristics", "must map at least one characteristic UUID to a protocol id");
            }
        }

        var prefix = r.String(b, "ble.", "namePrefix", required: false);
        var pairing = r.Bool(b, "ble.", "pairingRequired");
        return service is null ? null : new BleProfile(service, characteristics, prefix, pairing);
    }

    private static string? Uuid(string? value, string field, ProfileJsonReader r)
    {
        if (value is null)
        {
            return null;
        }

        if (!UuidPattern().IsMatch(value))
        {
            r.Error(field, $"must be a 16-bit (\"2a35\"), 32-bit or 128-bit (\"0000xxxx-0000-1000-8000-00805f9b34fb\") UUID (found \"{value}\")");
            return null;
        }

        return value.ToLowerInvariant();
    }

    // generic-line explains its options itself; for the others the factory is the authority and throws
    // ArgumentException on bad options.
    private static void CheckOptions(string protocol, JsonElement? options, ProfileJsonReader r)
    {
        if (protocol == "generic-line")
        {
            if (!GenericLineOptions.TryParse(options, out _, out var error))
            {
                r.Raw(error);
            }

            return;
        }

        try
        {
            ProtocolRegistry.TryCreate(protocol, new ProtocolContext("profile-check", options), out _);
        }
        catch (ArgumentException ex)
        {
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            message = message.StartsWith(protocol + ": ", StringComparison.Ordinal) ? message[(protocol.Length + 2)..] : message;
            if (message.StartsWith("protocolOptions", StringComparison.Ordinal))
            {
                r.Raw(message);
            }
            else
            {
                r.Error("protocolOptions", $"is not valid for {protocol}: {message}");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^([0-9a-fA-F]{4}|[0-9a-fA-F]{8}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")]
    private static partial Regex UuidPattern();
}

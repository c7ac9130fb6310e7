using KapMonitor.Devices.Profiles;
using KapMonitor.Devices.Protocols;
using KapMonitor.Service.Configuration;

namespace KapMonitor.Service.Pipeline;

/// <summary>The device profiles of the configured folder, validated once at start-up.</summary>
public sealed class DeviceProfiles
{
    private readonly Dictionary<string, DeviceProfile> _byId;

    private DeviceProfiles(IEnumerable<DeviceProfile> profiles) => _byId = profiles.ToDictionary(p => p.Id, StringComparer.Ordinal);

    /// <summary>Loads every profile in <paramref name="folder"/>; any invalid file stops start-up with its errors.</summary>
    public static DeviceProfiles Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ConfigException($"{folder}: device-profiles folder not found (set \"deviceProfiles\" in the config).");
        }

        var result = DeviceProfileLoader.LoadDirectory(folder, [.. ProtocolRegistry.Ids]);
        return result.Succeeded ? new DeviceProfiles(result.Profiles) : throw new ConfigException(string.Join(Environment.NewLine, result.Errors));
    }

    /// <summary>The profile a device names, or an error listing the known ones.</summary>
    public DeviceProfile Get(string deviceId, string profileId) =>
        _byId.TryGetValue(profileId, out var profile)
            ? profile
            : throw new ConfigException($"device {deviceId}: profile \"{profileId}\" is not in the device-profiles folder. Known: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>True when the host can start a measurement on this device (the SunTech NIBP module).</summary>
    public static bool AcceptsMeasurementCommands(DeviceProfile profile) =>
        profile.Kind == DeviceKind.Nibp && profile.Protocol == "suntech-advantage";
}

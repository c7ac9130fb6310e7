namespace KapMonitor.Devices.Profiles;

/// <summary>Profiles that loaded, and one message per problem found (each names the file and the field).</summary>
/// <param name="Profiles">Valid profiles, by file name order.</param>
/// <param name="Errors">User-facing messages, e.g. "device-profiles/nonin-3150.json: serial.baudRate must be one of … (found 9601)".</param>
public sealed record DeviceProfileLoadResult(IReadOnlyList<DeviceProfile> Profiles, IReadOnlyList<string> Errors)
{
    /// <summary>True when nothing was wrong.</summary>
    public bool Succeeded => Errors.Count == 0;
}

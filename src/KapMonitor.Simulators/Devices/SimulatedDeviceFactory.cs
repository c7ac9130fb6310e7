using KapMonitor.Simulators.Outputs;

namespace KapMonitor.Simulators.Devices;

/// <summary>Creates simulated devices by protocol id or by a device-model alias.</summary>
public static class SimulatedDeviceFactory
{
    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nonin-oem3"] = "nonin-df2",
        ["nonin-xpod"] = "nonin-df2",
        ["nonin-3150"] = "nonin-df13",
        ["nonin-9560"] = "nonin-df13",
        ["masimo-radical7"] = "masimo-ascii",
        ["masimo-rad8"] = "masimo-ascii",
        ["contec-cms50d"] = "contec-legacy",
        ["contec-cms50e"] = "contec-v7",
        ["suntech"] = "suntech-advantage",
    };

    /// <summary>Protocol ids a simulator exists for.</summary>
    public static IReadOnlyList<string> ProtocolIds { get; } =
        ["contec-legacy", "contec-v7", "masimo-ascii", "nonin-df13", "nonin-df2", "nonin-df7", "nonin-df8", "suntech-advantage"];

    /// <summary>Protocol ids of the Bluetooth simulators; they need an <see cref="IGattSimulatorOutput"/>.</summary>
    public static IReadOnlyList<string> BleProtocolIds { get; } = ["ble-bp-measurement", "ble-heart-rate", "ble-plx-continuous"];

    /// <summary>Every accepted profile name (protocol ids and model aliases), sorted.</summary>
    public static IReadOnlyList<string> ProfileNames { get; } = [.. ProtocolIds.Concat(BleProtocolIds).Concat(s_aliases.Keys).Order(StringComparer.Ordinal)];

    /// <summary>Maps a profile name (protocol id or model alias) to a protocol id, or null when unknown.</summary>
    public static string? ResolveProtocolId(string profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var id = s_aliases.TryGetValue(profile, out var aliased) ? aliased : profile.ToLowerInvariant();
        return ProtocolIds.Contains(id) || BleProtocolIds.Contains(id) ? id : null;
    }

    /// <summary>Creates the device for <paramref name="profile"/>; throws with the list of known profiles when unknown.</summary>
    /// <param name="profile">Protocol id or model alias.</param>
    /// <param name="session">Patient and scenario.</param>
    /// <param name="output">Where its bytes go.</param>
    /// <param name="pleth">False for a flat pleth (cheap; large fleets).</param>
    public static SimulatedDevice Create(string profile, SimulatedSession session, ISimulatorOutput output, bool pleth = true) =>
        ResolveProtocolId(profile) switch
        {
            "nonin-df2" => new NoninOximeterDevice(session, output, 2, pleth),
            "nonin-df7" => new NoninOximeterDevice(session, output, 7, pleth),
            "nonin-df8" => new NoninOximeterDevice(session, output, 8, pleth),
            "nonin-df13" => new NoninOximeterDevice(session, output, 13, pleth),
            "masimo-ascii" => new MasimoOximeterDevice(session, output),
            "contec-legacy" => new ContecLegacyOximeterDevice(session, output, pleth),
            "contec-v7" => new ContecV7OximeterDevice(session, output, pleth),
            "suntech-advantage" => new SunTechCuffDevice(session, output),
            "ble-bp-measurement" => new BleCuffDevice(session, Gatt(output)),
            "ble-plx-continuous" => new BlePulseOximeterDevice(session, Gatt(output)),
            "ble-heart-rate" => new BleHeartRateDevice(session, Gatt(output)),
            _ => throw new ArgumentException($"Unknown device profile '{profile}'. Known: {string.Join(", ", ProfileNames)}.", nameof(profile)),
        };

    private static IGattSimulatorOutput Gatt(ISimulatorOutput output) =>
        output as IGattSimulatorOutput
        ?? throw new ArgumentException($"Bluetooth simulators send GATT values and need a GATT output; '{output.Description}' is a byte stream (a BLE peripheral transport is not available yet).", nameof(output));
}

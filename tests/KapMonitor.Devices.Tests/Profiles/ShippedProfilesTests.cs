using System.Runtime.CompilerServices;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Profiles;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Devices.Tests.Profiles;

/// <summary>Every profile shipped in <c>device-profiles/</c> loads without a single message.</summary>
public sealed class ShippedProfilesTests
{
    // BLE ids registered by the BLE decoders (ProtocolRegistry.Ble.cs). Accepted for the schema check even
    // in a build without them; when they are registered, the registry is the only authority.
    private static readonly string[] s_bleIds =
        ["ble-bp-measurement", "ble-intermediate-cuff", "ble-bp-feature", "ble-plx-spot", "ble-plx-continuous", "ble-plx-features", "ble-heart-rate"];

    public static string ProfileDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "device-profiles"));

    private static IReadOnlyCollection<string> KnownIds =>
        ProtocolRegistry.Ids.Any(id => id.StartsWith("ble-", StringComparison.Ordinal)) ? ProtocolRegistry.Ids : [.. ProtocolRegistry.Ids, .. s_bleIds];

    [Fact]
    public void Every_shipped_profile_loads()
    {
        var result = DeviceProfileLoader.LoadDirectory(ProfileDirectory(), KnownIds);

        Assert.Empty(result.Errors);
        Assert.Equal(13, result.Profiles.Count);
    }

    [Fact]
    public void Shipped_profiles_cover_the_required_models()
    {
        var ids = DeviceProfileLoader.LoadDirectory(ProfileDirectory(), KnownIds).Profiles.Select(p => p.Id).ToHashSet();

        string[] expected =
        [
            "nonin-3150", "nonin-9560", "nonin-oem3", "nonin-xpod", "masimo-rad8", "masimo-radical7",
            "contec-cms50dplus-legacy", "contec-cms50dplus-v46", "suntech-advantage", "and-ua651ble",
            "generic-ble-pulse-oximeter", "generic-ble-bp-cuff", "generic-line",
        ];
        Assert.Subset(ids, expected.ToHashSet());
    }

    [Fact]
    public void Serial_profiles_create_their_protocol()
    {
        foreach (var profile in DeviceProfileLoader.LoadDirectory(ProfileDirectory(), KnownIds).Profiles.Where(p => p.Transport == DeviceTransport.Serial))
        {
            var protocol = ProtocolRegistry.Create(profile.Protocol, new ProtocolContext("dev", profile.ProtocolOptions));
            Assert.Equal(profile.Protocol, protocol.ProtocolId);
        }
    }

    [Fact]
    public void Reference_serial_settings_are_stated()
    {
        var profiles = DeviceProfileLoader.LoadDirectory(ProfileDirectory(), KnownIds).Profiles.ToDictionary(p => p.Id);

        // Per the profiles' sources: Nonin/Masimo/SunTech 9600 8N1; Contec 115200 8N1 (new) or 19200 odd (legacy).
        Assert.Equal(new SerialProfile(9600, 8, "none", 1, "none"), profiles["nonin-3150"].Serial);
        Assert.Equal(new SerialProfile(9600, 8, "none", 1, "none"), profiles["masimo-rad8"].Serial);
        Assert.Equal(new SerialProfile(9600, 8, "none", 1, "none"), profiles["suntech-advantage"].Serial);
        Assert.Equal(new SerialProfile(115200, 8, "none", 1, "none"), profiles["contec-cms50dplus-v46"].Serial);
        Assert.Equal(new SerialProfile(19200, 8, "odd", 1, "none"), profiles["contec-cms50dplus-legacy"].Serial);
        Assert.Equal(DeviceKind.Nibp, profiles["suntech-advantage"].Kind);
        Assert.Contains(Metric.CuffPressure, profiles["suntech-advantage"].Metrics);
        Assert.Equal("ble-bp-measurement", profiles["and-ua651ble"].Ble!.Characteristics["2a35"]);
    }

    [Fact]
    public void Ble_profiles_name_registered_protocols_once_the_ble_decoders_are_built_in()
    {
        if (!ProtocolRegistry.Ids.Any(id => id.StartsWith("ble-", StringComparison.Ordinal)))
        {
            return; // Built without the BLE decoders: the schema check above still ran.
        }

        Assert.Empty(DeviceProfileLoader.LoadDirectory(ProfileDirectory()).Errors);
    }
}

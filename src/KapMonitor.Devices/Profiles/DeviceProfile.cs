using System.Text.Json;
using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Profiles;

/// <summary>
/// What KapMonitor knows about one device model: how to reach it, which protocol decodes it and what
/// it yields. Loaded from <c>device-profiles/&lt;id&gt;.json</c> by <see cref="DeviceProfileLoader"/>.
/// </summary>
public sealed record DeviceProfile
{
    /// <summary>Stable id, equal to the file name without <c>.json</c> (e.g. <c>nonin-3150</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Manufacturer name.</summary>
    public required string Manufacturer { get; init; }

    /// <summary>Model name.</summary>
    public required string Model { get; init; }

    /// <summary>What the device measures.</summary>
    public required DeviceKind Kind { get; init; }

    /// <summary>How the host reaches it.</summary>
    public required DeviceTransport Transport { get; init; }

    /// <summary>Serial line settings (serial transport, or the device behind a TCP bridge).</summary>
    public SerialProfile? Serial { get; init; }

    /// <summary>TCP defaults, if any.</summary>
    public TcpProfile? Tcp { get; init; }

    /// <summary>BLE GATT settings (BLE transport).</summary>
    public BleProfile? Ble { get; init; }

    /// <summary>Protocol id in <c>ProtocolRegistry</c> (for BLE: the primary characteristic's protocol).</summary>
    public required string Protocol { get; init; }

    /// <summary>Options handed to the protocol as <c>ProtocolContext.Options</c>.</summary>
    public JsonElement? ProtocolOptions { get; init; }

    /// <summary>How often data arrive, in words (e.g. "1 line/s", "episodic, on request").</summary>
    public required string Cadence { get; init; }

    /// <summary>Metrics the device yields.</summary>
    public required IReadOnlyList<Metric> Metrics { get; init; }

    /// <summary>Known oddities worth telling an installer.</summary>
    public IReadOnlyList<string> Quirks { get; init; } = [];

    /// <summary>Where the facts come from (reference sections, manuals, repositories).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}

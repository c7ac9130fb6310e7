using System.Text.Json;

namespace KapMonitor.Devices.Protocols;

/// <summary>What a protocol factory gets: the device id to stamp on observations and the profile's protocol options.</summary>
/// <param name="DeviceId">Configured device id.</param>
/// <param name="Options">The <c>protocolOptions</c> object of the device profile, if any (e.g. generic-line mappings).</param>
public sealed record ProtocolContext(string DeviceId, JsonElement? Options = null);

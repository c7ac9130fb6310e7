namespace KapMonitor.Devices.Profiles;

/// <summary>Defaults for a device reached over TCP (the host name is per installation, not per model).</summary>
/// <param name="Port">Default TCP port, or null when the installation must say.</param>
public sealed record TcpProfile(int? Port);

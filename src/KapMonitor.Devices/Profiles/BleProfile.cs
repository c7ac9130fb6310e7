namespace KapMonitor.Devices.Profiles;

/// <summary>Bluetooth LE GATT settings of a device.</summary>
/// <param name="Service">Primary service UUID (16-bit <c>1810</c> or 128-bit form), lowercase.</param>
/// <param name="Characteristics">Characteristic UUID (lowercase) → protocol id that decodes its values.</param>
/// <param name="NamePrefix">Advertised local-name prefix used to find the device, or null.</param>
/// <param name="PairingRequired">Whether the device must be bonded before it sends data.</param>
public sealed record BleProfile(
    string Service,
    IReadOnlyDictionary<string, string> Characteristics,
    string? NamePrefix,
    bool PairingRequired);

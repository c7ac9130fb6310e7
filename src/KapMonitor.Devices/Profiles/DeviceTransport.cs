namespace KapMonitor.Devices.Profiles;

/// <summary>How the host reaches a device, as stated by its profile's <c>transport</c>.</summary>
public enum DeviceTransport : byte
{
    /// <summary>A local tty (<c>serial</c>).</summary>
    Serial,
    /// <summary>A TCP socket, e.g. a serial-to-Ethernet bridge (<c>tcp</c>).</summary>
    Tcp,
    /// <summary>Bluetooth LE GATT through BlueZ (<c>ble</c>).</summary>
    Ble,
}

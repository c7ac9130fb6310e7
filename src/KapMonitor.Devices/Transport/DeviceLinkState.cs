namespace KapMonitor.Devices.Transport;

/// <summary>What a <see cref="DeviceLink"/> is doing.</summary>
public enum DeviceLinkState
{
    /// <summary>Not started, or <see cref="DeviceLink.RunAsync"/> returned.</summary>
    Stopped,
    /// <summary>Opening the channel.</summary>
    Opening,
    /// <summary>Channel open; reading and decoding.</summary>
    Connected,
    /// <summary>Waiting before the next open attempt (<see cref="DeviceLink.CurrentBackoff"/>).</summary>
    BackingOff,
}

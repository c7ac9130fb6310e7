namespace KapMonitor.Devices.Protocols;

/// <summary>What the host requests of a command-driven device.</summary>
public enum DeviceRequest : byte
{
    /// <summary>Nothing new; send keep-alives or polls if due.</summary>
    None,
    /// <summary>Start one measurement (NIBP cycle).</summary>
    StartMeasurement,
    /// <summary>Abort the running measurement.</summary>
    Abort,
}

/// <summary>Input to <see cref="IDeviceProtocol.WriteCommands"/>.</summary>
/// <param name="SinceOpen">Monotonic time since the channel (re)opened.</param>
/// <param name="JustOpened">True on the first call after the channel opened (send start-up commands).</param>
/// <param name="Request">A request from the service, if any.</param>
public readonly record struct ProtocolTick(TimeSpan SinceOpen, bool JustOpened, DeviceRequest Request);

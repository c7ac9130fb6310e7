namespace KapMonitor.Devices.Profiles;

/// <summary>Line settings of a serial device (termios(3)).</summary>
/// <param name="BaudRate">One of <see cref="DeviceProfileLoader.BaudRates"/>.</param>
/// <param name="DataBits">5–8.</param>
/// <param name="Parity"><c>none</c>, <c>odd</c>, <c>even</c>, <c>mark</c> or <c>space</c>.</param>
/// <param name="StopBits">1 or 2.</param>
/// <param name="FlowControl"><c>none</c>, <c>xonxoff</c> or <c>rtscts</c>.</param>
public sealed record SerialProfile(int BaudRate, int DataBits, string Parity, int StopBits, string FlowControl);

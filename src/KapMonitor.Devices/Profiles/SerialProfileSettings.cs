using KapMonitor.Serial;

namespace KapMonitor.Devices.Profiles;

/// <summary>Turns a profile's serial section into the serial port's settings.</summary>
public static class SerialProfileSettings
{
    /// <summary>The <see cref="SerialSettings"/> a device profile asks for (values were validated by the loader).</summary>
    public static SerialSettings ToSettings(this SerialProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new SerialSettings(profile.BaudRate)
        {
            DataBits = profile.DataBits,
            Parity = Enum.Parse<Parity>(profile.Parity.Replace("-", "", StringComparison.Ordinal), ignoreCase: true),
            StopBits = profile.StopBits == 2 ? StopBits.Two : StopBits.One,
            FlowControl = Enum.Parse<FlowControl>(profile.FlowControl.Replace("-", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal), ignoreCase: true),
        };
    }
}

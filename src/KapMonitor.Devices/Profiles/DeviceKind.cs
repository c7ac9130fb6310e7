namespace KapMonitor.Devices.Profiles;

/// <summary>What a device measures, as stated by its profile's <c>kind</c>.</summary>
public enum DeviceKind : byte
{
    /// <summary>Pulse oximeter (<c>oximeter</c>).</summary>
    Oximeter,
    /// <summary>Non-invasive blood pressure (<c>nibp</c>).</summary>
    Nibp,
    /// <summary>Several kinds of measurement (<c>multi</c>).</summary>
    Multi,
}

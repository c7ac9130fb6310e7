namespace KapMonitor.Core.Clinical.Engine;

/// <summary>Technical condition of one device as seen by the engine.</summary>
internal sealed class DeviceState(string id)
{
    public string Id { get; } = id;
    public bool ProbeOff { get; set; }
    public DateTimeOffset ProbeOffSince { get; set; }
    public ActiveAlarm? ProbeOffAlarm { get; set; }
    public ActiveAlarm? DisconnectedAlarm { get; set; }
}

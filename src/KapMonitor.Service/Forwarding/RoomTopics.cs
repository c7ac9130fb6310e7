namespace KapMonitor.Service.Forwarding;

/// <summary>The v1 topic tree of one room (docs/mqtt-events.md).</summary>
public sealed record RoomTopics(string Site, string Room)
{
    private string Prefix => $"kapmonitor/v1/{Site}/{Room}";

    public string Status => Prefix + "/status";
    public string Vitals => Prefix + "/vitals";
    public string Alarms => Prefix + "/alarms";
    public string Session => Prefix + "/session";
    public string Discharge => Prefix + "/discharge";
    public string Commands => Prefix + "/commands";
    public string CommandResults => Prefix + "/commands/result";

    /// <summary>True for <see cref="CommandResults"/> and the topics below it (MQTT 5 Response Topics the room answers on).</summary>
    public bool IsCommandResult(string topic) =>
        topic == CommandResults || (topic.Length > CommandResults.Length + 1 && topic.StartsWith(CommandResults + "/", StringComparison.Ordinal));
}

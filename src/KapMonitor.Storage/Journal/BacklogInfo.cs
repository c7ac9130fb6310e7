namespace KapMonitor.Storage;

/// <summary>Observations of a room not yet past a forwarder's cursor.</summary>
/// <param name="Room">Room id.</param>
/// <param name="Count">Unforwarded observations.</param>
/// <param name="OldestReceivedAt">Receive time of the oldest unforwarded one, or null when none.</param>
public readonly record struct BacklogInfo(string Room, long Count, DateTimeOffset? OldestReceivedAt);

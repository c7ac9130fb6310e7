namespace KapMonitor.Service.Pipeline;

/// <summary>A request does not fit the room's state (no session, one already running, unknown profile). Maps to HTTP 409.</summary>
public sealed class RoomConflictException : Exception
{
    public RoomConflictException() { }

    public RoomConflictException(string message) : base(message) { }

    public RoomConflictException(string message, Exception innerException) : base(message, innerException) { }
}

namespace KapMonitor.Service.Forwarding;

/// <summary>Why a command from a tablet was refused (the <c>reason</c> of its result, docs/mqtt-events.md).</summary>
public enum CommandRefusal
{
    /// <summary>Not a JSON object, too large, a field of the wrong type, a duplicate field.</summary>
    Malformed,

    /// <summary>A required field is absent or empty.</summary>
    MissingField,

    /// <summary>Any command but <c>acknowledge</c>; silencing, pausing or disabling alarms is bedside-only.</summary>
    UnsupportedCommand,

    /// <summary>Published with the retain flag: a stored command would be replayed on every subscribe.</summary>
    Retained,

    /// <summary>Unknown user, or a token that is not that user's.</summary>
    Unauthenticated,

    /// <summary>The user's role may not give this command.</summary>
    Forbidden,

    /// <summary>The room refused it: no session, no such unacknowledged alarm.</summary>
    Rejected,

    /// <summary>The service failed while running it; see its log.</summary>
    Failed,
}

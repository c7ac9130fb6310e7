namespace KapMonitor.Service.Pipeline;

/// <summary>Kinds of clinical records the host writes to the journal.</summary>
public static class JournalKinds
{
    /// <summary>A session command as given (engine input; replayed on restart).</summary>
    public const string Command = "command";

    /// <summary>An engine decision (engine output; published from the outbox).</summary>
    public const string Decision = "decision";

    /// <summary>The session's state after a batch of decisions (published retained on the session topic).</summary>
    public const string SessionState = "session-state";

    /// <summary>A protocol profile version created by a prescriber.</summary>
    public const string ProtocolVersion = "protocol-version";

    /// <summary>The decision type (<c>alarmRaised</c>, <c>sessionEnded</c>...) of a journaled decision payload.</summary>
    public static string? DecisionType(string payloadJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(payloadJson);
        return doc.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
    }
}

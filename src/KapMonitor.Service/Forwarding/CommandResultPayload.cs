using System.Buffers;
using System.Text.Json;

namespace KapMonitor.Service.Forwarding;

/// <summary>The <c>kapmonitor.command-result/1</c> payload published to <c>.../commands/result</c> (docs/mqtt-events.md).</summary>
public static class CommandResultPayload
{
    /// <summary>Schema and version of the payload.</summary>
    public const string Schema = "kapmonitor.command-result/1";

    /// <summary>The result of <paramref name="verdict"/>, stamped <paramref name="time"/>. Carries no token and no patient data.</summary>
    public static byte[] Build(TabletCommandVerdict verdict, string site, string room, DateTimeOffset time)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("site", site);
            w.WriteString("room", room);
            WriteStringOrNull(w, "requestId", verdict.RequestId);
            WriteStringOrNull(w, "command", verdict.Command);
            WriteStringOrNull(w, "alarmId", verdict.AlarmId);
            w.WriteBoolean("accepted", verdict.Accepted);
            WriteStringOrNull(w, "reason", verdict.Refusal is { } refusal ? ToWire(refusal) : null);
            WriteStringOrNull(w, "message", verdict.Reason);
            w.WriteString("time", time.UtcDateTime);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The wire name of a refusal.</summary>
    public static string ToWire(CommandRefusal refusal) => refusal switch
    {
        CommandRefusal.Malformed => "malformed",
        CommandRefusal.MissingField => "missing-field",
        CommandRefusal.UnsupportedCommand => "unsupported-command",
        CommandRefusal.Retained => "retained",
        CommandRefusal.Unauthenticated => "unauthenticated",
        CommandRefusal.Forbidden => "forbidden",
        CommandRefusal.Rejected => "rejected",
        CommandRefusal.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}

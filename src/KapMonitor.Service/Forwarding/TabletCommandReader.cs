using System.Text.Json;
using KapMonitor.Service.Api.Auth;

namespace KapMonitor.Service.Forwarding;

/// <summary>
/// Reads and checks one command a tablet published to <c>.../commands</c> (docs/mqtt-events.md, "Commands
/// from tablets"): the JSON shape, the command name, and the user's token and role against the same users
/// and role list as the HTTP API. Pure: no I/O and no clock; running an accepted command is the caller's job.
/// </summary>
public sealed class TabletCommandReader(UserStore users)
{
    /// <summary>The only command accepted remotely.</summary>
    public const string Acknowledge = "acknowledge";

    /// <summary>Larger payloads are refused unread; a real command is about 150 bytes.</summary>
    public const int MaxPayloadBytes = 4096;

    /// <summary>Longest request id echoed back.</summary>
    public const int MaxRequestIdLength = 128;

    // Duplicate fields are refused: {"command":"acknowledge","command":"silence"} must not mean either.
    private static readonly JsonDocumentOptions s_json = new() { AllowDuplicateProperties = false, MaxDepth = 8 };

    /// <summary>Checks one message; never throws for bad input.</summary>
    /// <param name="payload">The message payload (UTF-8 JSON).</param>
    /// <param name="retained">Whether the message arrived with the retain flag.</param>
    public TabletCommandVerdict Read(ReadOnlyMemory<byte> payload, bool retained)
    {
        var verdict = new TabletCommandVerdict();
        if (payload.Length > MaxPayloadBytes)
        {
            return verdict.Refuse(CommandRefusal.Malformed, $"The command is {payload.Length} bytes; at most {MaxPayloadBytes} are accepted.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, s_json);
        }
        catch (JsonException ex)
        {
            // The position only: the parser's own message may quote the payload, which holds a token.
            return verdict.Refuse(CommandRefusal.Malformed, $"The command is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); send one JSON object.");
        }

        using (document)
        {
            return Check(document.RootElement, retained);
        }
    }

    private TabletCommandVerdict Check(JsonElement root, bool retained)
    {
        var verdict = new TabletCommandVerdict();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return verdict.Refuse(CommandRefusal.Malformed, $"The command must be a JSON object (found {root.ValueKind.ToString().ToLowerInvariant()}).");
        }

        // The request id first, so that every later refusal can be matched by the tablet.
        if (!TryGetString(root, "requestId", out var requestId))
        {
            return verdict.Refuse(CommandRefusal.Malformed, "requestId must be a string when present.");
        }

        if (requestId is { Length: > MaxRequestIdLength })
        {
            return verdict.Refuse(CommandRefusal.Malformed, $"requestId may have at most {MaxRequestIdLength} characters.");
        }

        verdict = verdict with { RequestId = requestId };
        if (!TryGetString(root, "command", out var command))
        {
            return verdict.Refuse(CommandRefusal.Malformed, "command must be a string.");
        }

        verdict = verdict with { Command = command };
        if (string.IsNullOrEmpty(command))
        {
            return verdict.Refuse(CommandRefusal.MissingField, $"command is required (\"{Acknowledge}\").");
        }

        if (retained)
        {
            return verdict.Refuse(CommandRefusal.Retained, "Commands must be published with retain=false; a retained one would be replayed later. Clear it with an empty retained message.");
        }

        if (!string.Equals(command, Acknowledge, StringComparison.Ordinal))
        {
            // Remote silencing of bedside alarms is a hazard (IEC 60601-1-8 distributed alarm systems): pausing,
            // silencing, muting or disabling is done at the bedside or through the authenticated HTTP API only.
            return verdict.Refuse(CommandRefusal.UnsupportedCommand,
                $"Only \"{Acknowledge}\" is accepted over MQTT; alarms are silenced, paused or disabled only at the bedside.");
        }

        if (!TryGetString(root, "alarmId", out var alarmId) || !TryGetString(root, "user", out var user) || !TryGetString(root, "token", out var token))
        {
            return verdict.Refuse(CommandRefusal.Malformed, "alarmId, user and token must be strings.");
        }

        verdict = verdict with { AlarmId = alarmId, User = user };
        var missing = new List<string>(3);
        if (string.IsNullOrEmpty(alarmId))
        {
            missing.Add("alarmId");
        }

        if (string.IsNullOrEmpty(user))
        {
            missing.Add("user");
        }

        if (string.IsNullOrEmpty(token))
        {
            missing.Add("token");
        }

        if (missing.Count > 0)
        {
            return verdict.Refuse(CommandRefusal.MissingField, $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} required to acknowledge an alarm.");
        }

        // One answer for an unknown user and a wrong token, as on the HTTP API: neither reveals which users exist.
        if (users.CheckToken(user!, token!) is not { } record)
        {
            return verdict.Refuse(CommandRefusal.Unauthenticated, "Unknown user or wrong token; use the user's API token from the users file.");
        }

        if (!Roles.AlarmAcknowledgers.Contains(record.Role, StringComparer.Ordinal))
        {
            return verdict.Refuse(CommandRefusal.Forbidden,
                $"User {record.Name} is {record.Role}; only {string.Join(" or ", Roles.AlarmAcknowledgers)} may acknowledge alarms.");
        }

        return verdict;
    }

    // False when the field is present with a type other than string; an absent or null field is a null value.
    private static bool TryGetString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return true;
    }
}

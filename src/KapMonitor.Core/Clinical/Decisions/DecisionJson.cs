using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using KapMonitor.Core.Clinical.Engine;

namespace KapMonitor.Core.Clinical.Decisions;

/// <summary>
/// The one serialisation of decisions and commands: fixed options (camelCase, enums as camelCase strings,
/// nulls omitted, no indentation), so replaying a journal must reproduce the bytes exactly.
/// </summary>
public static class DecisionJson
{
    /// <summary>The fixed options.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>One decision as UTF-8 JSON.</summary>
    public static byte[] Serialize(EngineDecision decision) => JsonSerializer.SerializeToUtf8Bytes(decision, Options);

    /// <summary>One command as JSON (for the host's journal).</summary>
    public static string Serialize(SessionCommand command) => JsonSerializer.Serialize(command, Options);

    /// <summary>Reads a command written by <see cref="Serialize(SessionCommand)"/>.</summary>
    public static SessionCommand? DeserializeCommand(string json) => JsonSerializer.Deserialize<SessionCommand>(json, Options);

    /// <summary>Decisions as JSON lines, in order.</summary>
    public static byte[] SerializeLines(IEnumerable<EngineDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        using var buffer = new MemoryStream();
        foreach (var decision in decisions)
        {
            var bytes = Serialize(decision);
            buffer.Write(bytes);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    /// <summary>Decisions as JSON lines text.</summary>
    public static string SerializeLinesText(IEnumerable<EngineDecision> decisions) => Encoding.UTF8.GetString(SerializeLines(decisions));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

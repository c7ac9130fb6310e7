namespace KapMonitor.Influx.Tests.Support;

/// <summary>What <see cref="RecordingInfluxServer"/> answers to one request.</summary>
internal sealed record ScriptedReply(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ScriptedReply NoContent { get; } = new(204);

    public static ScriptedReply Error(int status, string error, params (string Name, string Value)[] headers) =>
        new(status, System.Text.Json.JsonSerializer.Serialize(new { error }), headers.ToDictionary(h => h.Name, h => h.Value));
}

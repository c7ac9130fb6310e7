namespace KapMonitor.Influx.Tests.Support;

/// <summary>One request seen by <see cref="RecordingInfluxServer"/>; <see cref="Body"/> is already gunzipped when it was compressed.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] RawBody,
    byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public int LineCount => BodyText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}

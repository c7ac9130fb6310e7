namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>Pins one immutable version of a protocol profile.</summary>
/// <param name="Id">Profile id, e.g. <c>esketamine-rems</c>.</param>
/// <param name="Version">Version number, 1 for the first.</param>
public readonly record struct ProfileRef(string Id, int Version)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Id}@v{Version}";
}

namespace KapMonitor.Core.Clinical.Sessions;

/// <summary>A treatment room (one bedside monitor set per room).</summary>
/// <param name="Value">Configured room id, e.g. <c>room-3</c>.</param>
public readonly record struct RoomId(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}

using KapMonitor.Service.Pipeline;

namespace KapMonitor.Service.Api;

/// <summary>The rooms this service runs, by id.</summary>
public sealed class RoomRegistry(IEnumerable<RoomRuntime> rooms)
{
    private readonly Dictionary<string, RoomRuntime> _rooms = rooms.ToDictionary(r => r.RoomId, StringComparer.Ordinal);

    /// <summary>Every room, in id order.</summary>
    public IReadOnlyList<RoomRuntime> All => [.. _rooms.Values.OrderBy(r => r.RoomId, StringComparer.Ordinal)];

    /// <summary>Finds a room.</summary>
    public RoomRuntime? Find(string id) => _rooms.GetValueOrDefault(id);
}

using System.Diagnostics.CodeAnalysis;

namespace KapMonitor.Devices.Protocols;

/// <summary>
/// Protocol ids → factories. Each protocol family registers itself in its own partial file
/// (<c>ProtocolRegistry.Serial.cs</c>, <c>ProtocolRegistry.Ble.cs</c>).
/// </summary>
public static partial class ProtocolRegistry
{
    private static readonly Dictionary<string, Func<ProtocolContext, IDeviceProtocol>> s_factories = Build();

    /// <summary>Every registered protocol id, sorted.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. s_factories.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Creates a fresh protocol instance for one device link.</summary>
    public static bool TryCreate(string protocolId, ProtocolContext context, [NotNullWhen(true)] out IDeviceProtocol? protocol)
    {
        protocol = s_factories.TryGetValue(protocolId, out var factory) ? factory(context) : null;
        return protocol is not null;
    }

    /// <summary>Creates a protocol or throws with the list of known ids.</summary>
    public static IDeviceProtocol Create(string protocolId, ProtocolContext context) =>
        TryCreate(protocolId, context, out var protocol)
            ? protocol
            : throw new ArgumentException($"Unknown protocol id '{protocolId}'. Known: {string.Join(", ", Ids)}.", nameof(protocolId));

    private static Dictionary<string, Func<ProtocolContext, IDeviceProtocol>> Build()
    {
        var map = new Dictionary<string, Func<ProtocolContext, IDeviceProtocol>>(StringComparer.Ordinal);
        AddSerialProtocols(map);
        AddBleProtocols(map);
        return map;
    }

    static partial void AddSerialProtocols(Dictionary<string, Func<ProtocolContext, IDeviceProtocol>> map);

    static partial void AddBleProtocols(Dictionary<string, Func<ProtocolContext, IDeviceProtocol>> map);
}

using System.Globalization;
using System.Text.Json;

namespace KapMonitor.Devices.Protocols.Common;

/// <summary>
/// Reads a serial protocol's <c>protocolOptions</c>. Bad options break the factory's contract (profiles
/// are validated on load through the factory), so they throw <see cref="ArgumentException"/> with a
/// message naming the option and what is allowed.
/// </summary>
internal static class ProtocolOptionsReader
{
    /// <summary>Throws when <paramref name="options"/> is not an object or has a property not in <paramref name="known"/>.</summary>
    public static void RejectUnknown(JsonElement? options, string protocolId, params string[] known)
    {
        if (options is not { } o || o.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (o.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"{protocolId}: protocolOptions must be an object (found {o.GetRawText()})");
        }

        foreach (var property in o.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var allowed = known.Length == 0 ? "it takes no options" : $"known: {string.Join(", ", known)}";
                throw new ArgumentException($"{protocolId}: protocolOptions.{property.Name} is not a known option ({allowed})");
            }
        }
    }

    public static bool Bool(JsonElement? options, string protocolId, string name)
    {
        if (!TryGet(options, name, out var v))
        {
            return false;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ArgumentException($"{protocolId}: protocolOptions.{name} must be true or false (found {v.GetRawText()})"),
        };
    }

    public static int Int(JsonElement? options, string protocolId, string name, int min, int max, int fallback)
    {
        if (!TryGet(options, name, out var v))
        {
            return fallback;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{protocolId}: protocolOptions.{name} must be a whole number from {min} to {max} (found {v.GetRawText()})"));
    }

    private static bool TryGet(JsonElement? options, string name, out JsonElement value)
    {
        value = default;
        return options is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }
}

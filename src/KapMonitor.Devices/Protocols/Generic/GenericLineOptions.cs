using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Generic;

/// <summary>
/// Configuration of the <c>generic-line</c> protocol, read from a profile's <c>protocolOptions</c>.
/// Either <c>"regex"</c> with named groups called after metric wire names (<c>(?&lt;spo2&gt;\d+)</c>), or
/// <c>"keys"</c> (device key → metric wire name) with optional <c>"separator"</c> (default <c>=</c>) and
/// <c>"delimiter"</c> (default space). Optional <c>"invalidTokens"</c> (e.g. <c>["---"]</c>) mean "no data".
/// </summary>
public sealed class GenericLineOptions
{
    /// <summary>Regex matching time limit: a pathological pattern cannot stall the link.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private GenericLineOptions()
    {
    }

    /// <summary>The compiled line regex, or null in key/value mode.</summary>
    public Regex? Pattern { get; private init; }

    /// <summary>Regex group names paired with their metrics (regex mode).</summary>
    public IReadOnlyList<(string Group, Metric Metric)> Groups { get; private init; } = [];

    /// <summary>UTF-8 keys paired with their metrics (key/value mode).</summary>
    public IReadOnlyList<(byte[] Key, Metric Metric)> Keys { get; private init; } = [];

    /// <summary>Byte between key and value.</summary>
    public byte Separator { get; private init; } = (byte)'=';

    /// <summary>Byte between key/value tokens.</summary>
    public byte Delimiter { get; private init; } = (byte)' ';

    /// <summary>UTF-8 tokens that mean "no data".</summary>
    public IReadOnlyList<byte[]> InvalidTokens { get; private init; } = [];

    /// <summary>
    /// Validates and compiles <paramref name="options"/>. On failure <paramref name="error"/> names the
    /// offending field and what is allowed.
    /// </summary>
    public static bool TryParse(JsonElement? options, [NotNullWhen(true)] out GenericLineOptions? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        if (options is not { ValueKind: JsonValueKind.Object } o)
        {
            error = "protocolOptions must be an object with either \"regex\" or \"keys\"";
            return false;
        }

        var hasRegex = o.TryGetProperty("regex", out var regexElement);
        var hasKeys = o.TryGetProperty("keys", out var keysElement);
        if (hasRegex == hasKeys)
        {
            error = "protocolOptions must have exactly one of \"regex\" or \"keys\"";
            return false;
        }

        if (!TryReadInvalidTokens(o, out var invalid, out error)
            || !TryReadByte(o, "separator", (byte)'=', out var separator, out error)
            || !TryReadByte(o, "delimiter", (byte)' ', out var delimiter, out error))
        {
            return false;
        }

        if (hasRegex)
        {
            return TryParseRegex(regexElement, invalid, out parsed, out error);
        }

        if (keysElement.ValueKind != JsonValueKind.Object)
        {
            error = "protocolOptions.keys must be an object mapping device keys to metric names";
            return false;
        }

        var keys = new List<(byte[], Metric)>();
        foreach (var property in keysElement.EnumerateObject())
        {
            if (!TryMetric(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null, out var metric))
            {
                error = $"protocolOptions.keys.{property.Name} must be one of {MetricNames()} (found {property.Value.GetRawText()})";
                return false;
            }

            keys.Add((Encoding.UTF8.GetBytes(property.Name), metric));
        }

        if (keys.Count == 0)
        {
            error = "protocolOptions.keys must map at least one key";
            return false;
        }

        parsed = new GenericLineOptions { Keys = keys, InvalidTokens = invalid, Separator = separator, Delimiter = delimiter };
        return true;
    }

    /// <summary>Comma-separated metric wire names, for error messages.</summary>
    public static string MetricNames() => string.Join(", ", MetricCatalog.All.Select(m => m.Name));

    private static bool TryParseRegex(JsonElement element, IReadOnlyList<byte[]> invalid, out GenericLineOptions? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        if (element.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(element.GetString()))
        {
            error = "protocolOptions.regex must be a non-empty string";
            return false;
        }

        Regex regex;
        try
        {
            regex = new Regex(element.GetString()!, RegexOptions.Compiled | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            error = $"protocolOptions.regex is not a valid regular expression: {ex.Message}";
            return false;
        }

        var groups = new List<(string, Metric)>();
        foreach (var name in regex.GetGroupNames())
        {
            if (int.TryParse(name, out _))
            {
                continue; // Numbered groups are not mappings.
            }

            if (!TryMetric(name, out var metric))
            {
                error = $"protocolOptions.regex group '{name}' must be one of {MetricNames()}";
                return false;
            }

            groups.Add((name, metric));
        }

        if (groups.Count == 0)
        {
            error = "protocolOptions.regex must have at least one named group, e.g. (?<spo2>\\d+)";
            return false;
        }

        parsed = new GenericLineOptions { Pattern = regex, Groups = groups, InvalidTokens = invalid };
        error = null;
        return true;
    }

    private static bool TryMetric(string? name, out Metric metric)
    {
        metric = MetricCatalog.TryParse(name, out var info) ? info.Metric : Metric.None;
        return metric != Metric.None;
    }

    private static bool TryReadInvalidTokens(JsonElement o, out IReadOnlyList<byte[]> tokens, [NotNullWhen(false)] out string? error)
    {
        tokens = [];
        error = null;
        if (!o.TryGetProperty("invalidTokens", out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            error = "protocolOptions.invalidTokens must be an array of strings, e.g. [\"---\"]";
            return false;
        }

        tokens = [.. element.EnumerateArray().Select(e => Encoding.UTF8.GetBytes(e.GetString()!))];
        return true;
    }

    private static bool TryReadByte(JsonElement o, string name, byte fallback, out byte value, [NotNullWhen(false)] out string? error)
    {
        value = fallback;
        error = null;
        if (!o.TryGetProperty(name, out var element))
        {
            return true;
        }

        var s = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (s is not { Length: 1 } || s[0] > 0x7E || s[0] == '\n')
        {
            error = $"protocolOptions.{name} must be a single ASCII character (found {element.GetRawText()})";
            return false;
        }

        value = (byte)s[0];
        return true;
    }
}

using System.Text;

namespace KapMonitor.Mqtt;

/// <summary>
/// Topic name and topic filter rules (3.1.1 §4.7; 5.0 §4.7): at least one character, at most 65535 UTF-8
/// bytes, no U+0000; names carry no wildcards ([MQTT-3.3.2-2]); in filters <c>#</c> is last and alone in
/// its level and <c>+</c> occupies a whole level ([MQTT-4.7.1-1], [MQTT-4.7.1-2] in 3.1.1).
/// </summary>
public static class MqttTopic
{
    /// <summary>Longest string the wire format can carry, in UTF-8 bytes (two-byte length prefix).</summary>
    public const int MaximumLength = 65535;

    /// <summary>Checks a topic name for PUBLISH. Returns null when valid, else what is wrong.</summary>
    public static string? ValidateName(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var common = ValidateCommon(topic, "Topic name");
        if (common is not null)
        {
            return common;
        }

        return topic.AsSpan().IndexOfAny('+', '#') >= 0
            ? $"Topic name '{topic}' contains a wildcard ('+' or '#'); wildcards are only allowed in subscription filters (MQTT 3.3.2-2)."
            : null;
    }

    /// <summary>Checks a topic filter for SUBSCRIBE/UNSUBSCRIBE. Returns null when valid, else what is wrong.</summary>
    public static string? ValidateFilter(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var common = ValidateCommon(filter, "Topic filter");
        if (common is not null)
        {
            return common;
        }

        var levelStart = 0;
        for (var i = 0; i <= filter.Length; i++)
        {
            if (i < filter.Length && filter[i] != '/')
            {
                continue;
            }

            var level = filter.AsSpan(levelStart, i - levelStart);
            if (level.Contains('#') && (level.Length != 1 || i != filter.Length))
            {
                return $"Topic filter '{filter}': '#' must be the last character and alone in its level (MQTT 4.7.1.2).";
            }

            if (level.Contains('+') && level.Length != 1)
            {
                return $"Topic filter '{filter}': '+' must occupy a whole level (MQTT 4.7.1.3).";
            }

            levelStart = i + 1;
        }

        return null;
    }

    /// <summary>True if <paramref name="topic"/> is a valid topic name.</summary>
    public static bool IsValidName(string topic) => ValidateName(topic) is null;

    /// <summary>True if <paramref name="filter"/> is a valid topic filter.</summary>
    public static bool IsValidFilter(string filter) => ValidateFilter(filter) is null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule when the topic name is invalid.</summary>
    public static void ThrowIfInvalidName(string topic, string? paramName = null)
    {
        var error = ValidateName(topic);
        if (error is not null)
        {
            throw new ArgumentException(error, paramName ?? nameof(topic));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule when the topic filter is invalid.</summary>
    public static void ThrowIfInvalidFilter(string filter, string? paramName = null)
    {
        var error = ValidateFilter(filter);
        if (error is not null)
        {
            throw new ArgumentException(error, paramName ?? nameof(filter));
        }
    }

    private static string? ValidateCommon(string value, string what)
    {
        if (value.Length == 0)
        {
            return $"{what} must be at least one character long (MQTT 4.7.3).";
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return $"{what} must not contain U+0000 (MQTT 4.7.3).";
        }

        return Encoding.UTF8.GetByteCount(value) > MaximumLength
            ? $"{what} is longer than {MaximumLength} UTF-8 bytes (MQTT 4.7.3)."
            : null;
    }
}

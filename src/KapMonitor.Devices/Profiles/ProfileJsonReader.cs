using System.Globalization;
using System.Text.Json;

namespace KapMonitor.Devices.Profiles;

/// <summary>Reads fields of one profile file, collecting a message per problem instead of stopping at the first.</summary>
internal sealed class ProfileJsonReader(string file, List<string> errors)
{
    public bool HasErrors => errors.Count > 0;

    public void Error(string field, string message) => errors.Add($"{file}: {field} {message}");

    public void Raw(string message) => errors.Add($"{file}: {message}");

    public void RejectUnknown(JsonElement obj, string prefix, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Error(prefix + property.Name, $"is not a known field (known: {string.Join(", ", known)})");
            }
        }
    }

    public string? String(JsonElement obj, string prefix, string name, bool required = true)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(prefix + name, "is required");
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            Error(prefix + name, $"must be a non-empty string (found {v.GetRawText()})");
            return null;
        }

        return v.GetString();
    }

    public string? OneOf(JsonElement obj, string prefix, string name, string[] allowed, bool required = true)
    {
        var s = String(obj, prefix, name, required);
        if (s is null)
        {
            return null;
        }

        if (!allowed.Contains(s, StringComparer.Ordinal))
        {
            Error(prefix + name, $"must be one of {string.Join(", ", allowed)} (found \"{s}\")");
            return null;
        }

        return s;
    }

    public int? Int(JsonElement obj, string prefix, string name, int[] allowed, bool required = true)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(prefix + name, $"is required (one of {Join(allowed)})");
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n) || !allowed.Contains(n))
        {
            Error(prefix + name, $"must be one of {Join(allowed)} (found {v.GetRawText()})");
            return null;
        }

        return n;
    }

    public int? IntRange(JsonElement obj, string prefix, string name, int min, int max)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n) || n < min || n > max)
        {
            Error(prefix + name, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {min} to {max} (found {v.GetRawText()})"));
            return null;
        }

        return n;
    }

    public bool Bool(JsonElement obj, string prefix, string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(prefix + name, $"must be true or false (found {v.GetRawText()})");
            return false;
        }

        return v.GetBoolean();
    }

    public IReadOnlyList<string> Strings(JsonElement obj, string prefix, string name, bool required)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(prefix + name, "is required (an array of strings)");
            }

            return [];
        }

        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString())))
        {
            Error(prefix + name, $"must be an array of non-empty strings (found {v.GetRawText()})");
            return [];
        }

        if (required && v.GetArrayLength() == 0)
        {
            Error(prefix + name, "must not be empty");
        }

        return [.. v.EnumerateArray().Select(e => e.GetString()!)];
    }

    public JsonElement? Object(JsonElement obj, string prefix, string name, bool required)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(prefix + name, "is required (an object)");
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            Error(prefix + name, $"must be an object (found {v.GetRawText()})");
            return null;
        }

        return v;
    }

    private static string Join(int[] values) => string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}

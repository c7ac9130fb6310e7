using KapMonitor.Testing;

namespace KapMonitor.Benchmarks.Pipeline;

/// <summary>
/// A protocol profile for the latency run: the repository's kap-sublingual template with its rules replaced by
/// one SpO2 rule that raises on the first violating value (<c>"delay": "none"</c>, so the rule's configured
/// delay is excluded by construction), is medium and non-latching, and clears on the first in-range value
/// (<c>clearSeconds: 0</c>). Alternating low and normal frames therefore raise and clear one alarm each.
/// </summary>
internal static class BenchProfile
{
    public const string Id = "bench-spo2-no-delay";

    /// <summary>SpO2 at or below this raises.</summary>
    public const int Limit = 91;

    private const string Rules = """
        "rules": [
              { "id": "spo2-bench", "metric": "spo2", "priority": "medium", "when": "atOrBelow", "limit": 91,
                "delay": "none", "clearHysteresis": 1, "clearSeconds": 0, "latching": false,
                "message": "SpO2 <= 91% (benchmark, no delay)" },
            ],
        """;

    /// <summary>Writes the profile into <paramref name="folder"/> (the service's protocol-profiles folder).</summary>
    public static void WriteTo(string folder)
    {
        var template = File.ReadAllText(RepoPaths.Combine("protocol-profiles", "kap-sublingual.jsonc"));
        var start = template.IndexOf("\"rules\": [", StringComparison.Ordinal);
        var end = template.IndexOf("\n    ],", start, StringComparison.Ordinal);
        if (start < 0 || end < 0 || !template.Contains("\"id\": \"kap-sublingual\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("protocol-profiles/kap-sublingual.jsonc changed shape; update BenchProfile.");
        }

        var text = string.Concat(template.AsSpan(0, start), Rules.TrimEnd(), template.AsSpan(end + "\n    ],".Length))
            .Replace("\"id\": \"kap-sublingual\"", $"\"id\": \"{Id}\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, Id + ".jsonc"), text);
    }
}

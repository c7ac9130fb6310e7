using System.Reflection;

namespace KapMonitor.Testing;

/// <summary>Folders of the repository the tests were built from.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (where KapMonitor.sln is).</summary>
    public static string Root { get; } = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "KapMonitorRepoRoot").Value!;

    /// <summary>A path under the root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}

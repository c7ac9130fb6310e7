namespace KapMonitor.Testing.Peers;

/// <summary>
/// Locates the real programs that integration tests run against. A missing program fails the test with
/// the package to install; it is never a silent skip.
/// </summary>
public static class PeerBinary
{
    /// <summary>Returns the full path of <paramref name="program"/> or throws naming the Debian package.</summary>
    public static string Require(string program, string debianPackage)
    {
        string[] extra = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin", "/usr/local/sbin"];
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(extra);
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"Integration peer '{program}' is not installed. Install it with: apt-get install -y {debianPackage} " +
            "(./kapmon test does this automatically when run as root).");
    }
}

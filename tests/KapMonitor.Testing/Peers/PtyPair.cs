using System.Text.RegularExpressions;

namespace KapMonitor.Testing.Peers;

/// <summary>
/// Two connected pseudo-terminals made by socat: bytes written to <see cref="PathA"/>
/// come out of <see cref="PathB"/> and back. The paths are symlinks in a temp directory, like
/// /dev/serial/by-id links; <see cref="UnplugAsync"/> kills socat and removes them (the device is gone),
/// <see cref="ReplugAsync"/> starts a new socat behind the same link paths (usually new /dev/pts numbers).
/// </summary>
public sealed partial class PtyPair : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(15);
    private readonly TempDirectory _directory;
    private readonly string _socat;
    private PeerProcess? _process;

    private PtyPair(TempDirectory directory, string socat)
    {
        _directory = directory;
        _socat = socat;
        PathA = directory.Combine("ttyA");
        PathB = directory.Combine("ttyB");
    }

    /// <summary>Symlink to the first pty (the "device" side a port under test opens).</summary>
    public string PathA { get; }

    /// <summary>Symlink to the second pty (the side the test plays the device on).</summary>
    public string PathB { get; }

    /// <summary>The /dev/pts node behind <see cref="PathA"/> in the current socat run.</summary>
    public string DeviceA { get; private set; } = "";

    /// <summary>The /dev/pts node behind <see cref="PathB"/> in the current socat run.</summary>
    public string DeviceB { get; private set; } = "";

    /// <summary>True while socat runs (the pair is "plugged in").</summary>
    public bool IsPlugged => _process is { IsRunning: true };

    /// <summary>socat's output so far, for failure messages.</summary>
    public string Diagnostics => _process?.Tail() ?? "(socat not running)";

    /// <summary>Starts socat; fails with the Debian package name when socat is missing.</summary>
    public static async Task<PtyPair> StartAsync()
    {
        var socat = PeerBinary.Require("socat", "socat");
        var pair = new PtyPair(new TempDirectory("kapmon-pty"), socat);
        try
        {
            await pair.ReplugAsync();
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>Simulates unplugging: SIGKILL socat (both ptys hang up) and remove the link paths.</summary>
    public async Task UnplugAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }

        // SIGKILL leaves socat's symlinks behind; udev would remove /dev/serial/by-id links on unplug.
        File.Delete(PathA);
        File.Delete(PathB);
    }

    /// <summary>Starts a fresh socat behind the same link paths and waits until it moves data.</summary>
    public async Task ReplugAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The pty pair is already plugged in; unplug it first.");
        }

        _process = PeerProcess.Start(_socat,
        [
            "-d", "-d",
            $"pty,raw,echo=0,link={PathA}",
            $"pty,raw,echo=0,link={PathB}",
        ], _directory.Path);

        // socat logs "... N PTY is /dev/pts/N" per side, creates the links, then "starting data transfer loop".
        await _process.WaitForOutputAsync(l => l.Contains("starting data transfer loop", StringComparison.Ordinal), s_startTimeout);
        var devices = _process.Output.Select(l => PtyLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        if (devices.Count != 2 || !File.Exists(PathA) || !File.Exists(PathB))
        {
            throw new InvalidOperationException($"socat did not report two ptys with links {PathA}, {PathB}:\n{_process.Tail()}");
        }

        DeviceA = devices[0];
        DeviceB = devices[1];
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }

        _directory.Dispose();
    }

    [GeneratedRegex(@"PTY is (/dev/pts/\d+)")]
    private static partial Regex PtyLine();
}

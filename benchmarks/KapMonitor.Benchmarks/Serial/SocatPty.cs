using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KapMonitor.Benchmarks.Serial;

/// <summary>A socat pty pair for benchmarks (the test fixture lives in KapMonitor.Testing, which benchmarks do not reference).</summary>
internal sealed partial class SocatPty : IDisposable
{
    private readonly Process _process;
    private readonly Task _drain;

    private SocatPty(Process process, Task drain, string a, string b)
    {
        _process = process;
        _drain = drain;
        DeviceA = a;
        DeviceB = b;
    }

    public string DeviceA { get; }

    public string DeviceB { get; }

    public static SocatPty Start()
    {
        var socat = File.Exists("/usr/bin/socat") ? "/usr/bin/socat"
            : throw new InvalidOperationException("socat is not installed. Install it with: apt-get install -y socat");
        // Redirect stdout too, so socat never holds the caller's console pipe open.
        var psi = new ProcessStartInfo(socat) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0" })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start socat");
        try
        {
            var ptys = new List<string>();
            while (process.StandardError.ReadLine() is { } line)
            {
                if (PtyLine().Match(line) is { Success: true } m)
                {
                    ptys.Add(m.Groups[1].Value);
                }

                if (line.Contains("starting data transfer loop", StringComparison.Ordinal))
                {
                    break;
                }
            }

            if (ptys.Count != 2)
            {
                throw new InvalidOperationException("socat did not report two ptys");
            }

            // Keep draining stderr so socat never blocks on a full pipe; awaited in Dispose.
            var drain = process.StandardError.ReadToEndAsync();
            return new SocatPty(process, drain, ptys[0], ptys[1]);
        }
        catch
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _drain.GetAwaiter().GetResult();
        _process.Dispose();
    }

    [GeneratedRegex(@"PTY is (/dev/pts/\d+)")]
    private static partial Regex PtyLine();
}

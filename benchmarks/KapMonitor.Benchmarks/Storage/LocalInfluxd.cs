using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KapMonitor.Benchmarks.Storage;

/// <summary>
/// A throwaway influxd 1.x (Debian package <c>influxdb</c>) on free loopback ports in a temp directory, for
/// the forwarding benchmark. Benchmarks cannot use the test fixtures, so this is the minimum to start one.
/// </summary>
internal sealed class LocalInfluxd : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private LocalInfluxd(Process process, string directory, int httpPort)
    {
        _process = process;
        _directory = directory;
        Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}/"));
    }

    public Uri Url { get; }

    public static async Task<LocalInfluxd> StartAsync(string database)
    {
        var binary = new[] { "/usr/bin/influxd", "/usr/sbin/influxd", "/usr/local/bin/influxd" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("influxd is not installed. Install it with: apt-get install -y influxdb");
        var dir = Path.Combine(Path.GetTempPath(), "kapbench-influx-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        int http = FreePort();
        int rpc = FreePort();
        var config = Path.Combine(dir, "influxdb.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            "reporting-disabled = true",
            $"bind-address = \"127.0.0.1:{rpc}\"",
            "[meta]", $"  dir = \"{dir}/meta\"",
            "[data]", $"  dir = \"{dir}/data\"", $"  wal-dir = \"{dir}/wal\"", "  query-log-enabled = false",
            "[monitor]", "  store-enabled = false",
            "[http]", $"  bind-address = \"127.0.0.1:{http}\"", "  log-enabled = false",
            ""));
        var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-config");
        psi.ArgumentList.Add(config);
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var influx = new LocalInfluxd(process, dir, http);
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var ping = await client.GetAsync(new Uri(influx.Url, "ping"));
                if (ping.StatusCode == HttpStatusCode.NoContent)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            await Task.Delay(100);
        }

        using var create = await client.PostAsync(new Uri(influx.Url, "query?q=" + Uri.EscapeDataString($"CREATE DATABASE \"{database}\"")), null);
        create.EnsureSuccessStatusCode();
        return influx;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace KapMonitor.Testing.Peers;

/// <summary>
/// A real mosquitto broker on 127.0.0.1 free ports in a temp dir. Can be stopped (SIGTERM, persistence
/// saved), killed (SIGKILL) and started again on the same ports, for broker-restart tests.
/// </summary>
public sealed class MosquittoFixture : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("mosquitto");
    private readonly string _binary;
    private readonly string? _deployDirectory;
    private PeerProcess? _process;

    private MosquittoFixture(MosquittoOptions options, string? deployDirectory = null)
    {
        Options = options;
        _deployDirectory = deployDirectory;
        _binary = PeerBinary.Require("mosquitto", "mosquitto");
        Port = FreePort.Next();
        // A deployed broker has its TLS listener only.
        TlsPort = deployDirectory is not null ? Port : options.Tls ? FreePort.Next() : null;
    }

    /// <summary>The options the broker was configured with.</summary>
    public MosquittoOptions Options { get; }

    /// <summary>Always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    /// <summary>Plain MQTT listener port.</summary>
    public int Port { get; }

    /// <summary>TLS listener port, when <see cref="MosquittoOptions.Tls"/>.</summary>
    public int? TlsPort { get; }

    /// <summary>PEM of the CA that signed the server certificate (TLS only).</summary>
    public string CaCertificateFile => _dir.Combine("ca.crt");

    /// <summary>The generated configuration file.</summary>
    public string ConfigPath => _dir.Combine("mosquitto.conf");

    /// <summary>True while the broker process runs.</summary>
    public bool IsRunning => _process?.IsRunning == true;

    /// <summary>Last lines the broker logged, for failure messages.</summary>
    public string LogTail => _process?.Tail() ?? "";

    /// <summary>Writes the configuration (and certificates/passwords), starts mosquitto and waits for its ports.</summary>
    public static Task<MosquittoFixture> StartAsync(MosquittoOptions? options = null) => StartAsync(new MosquittoFixture(options ?? new MosquittoOptions()));

    /// <summary>
    /// Starts mosquitto as a site runs it: a main configuration like Debian's default one (persistence on, then
    /// <c>include_dir</c>) includes the <c>mosquitto.conf</c> shipped in <paramref name="deployDirectory"/>, whose install
    /// paths are pointed at this broker's generated CA, certificate, key and password file (<paramref name="users"/>)
    /// and at the shipped <c>acl</c>, and whose listener is moved to a free loopback port. That TLS listener is the
    /// only one: <see cref="Port"/> and <see cref="TlsPort"/> both name it.
    /// </summary>
    public static Task<MosquittoFixture> StartDeployedAsync(string deployDirectory, IReadOnlyDictionary<string, string> users) =>
        StartAsync(new MosquittoFixture(new MosquittoOptions { Users = users, Tls = true, Persistence = true }, deployDirectory));

    private static async Task<MosquittoFixture> StartAsync(MosquittoFixture fixture)
    {
        try
        {
            await fixture.WriteConfigurationAsync();
            await fixture.StartAgainAsync();
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the broker (again) with the same configuration and ports; waits until it listens.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("mosquitto is already running.");
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _process = PeerProcess.Start(_binary, ["-c", ConfigPath], _dir.Path);
        await FreePort.WaitListeningAsync(Port, TimeSpan.FromSeconds(20), () => LogTail, () => IsRunning);
        if (TlsPort is { } tls)
        {
            await FreePort.WaitListeningAsync(tls, TimeSpan.FromSeconds(20), () => LogTail, () => IsRunning);
        }
    }

    /// <summary>SIGTERM: a clean shutdown that writes the persistence file.</summary>
    public Task StopAsync() => _process?.StopAsync(TimeSpan.FromSeconds(10)) ?? Task.CompletedTask;

    /// <summary>SIGKILL: the broker vanishes without saving.</summary>
    public Task KillAsync() => _process?.KillAsync() ?? Task.CompletedTask;

    /// <summary>Kills the broker and removes the temp dir.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _dir.Dispose();
    }

    private async Task WriteConfigurationAsync()
    {
        if (_deployDirectory is not null)
        {
            await WriteDeployedConfigurationAsync(_deployDirectory);
            return;
        }

        var lines = new List<string>
        {
            "per_listener_settings false",
            $"allow_anonymous {(Options.Users.Count == 0 ? "true" : "false")}",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            "connection_messages true",
            $"persistence {(Options.Persistence ? "true" : "false")}",
        };

        AddRunAsRoot(lines);

        if (Options.Persistence)
        {
            lines.Add($"persistence_location {_dir.Path}/");
        }

        if (Options.Users.Count > 0)
        {
            lines.Add($"password_file {await WritePasswordFileAsync()}");
        }

        lines.Add($"listener {Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1");
        if (TlsPort is { } tlsPort)
        {
            await GenerateCertificatesAsync();
            lines.Add($"listener {tlsPort.ToString(CultureInfo.InvariantCulture)} 127.0.0.1");
            lines.Add($"cafile {CaCertificateFile}");
            lines.Add($"certfile {_dir.Combine("server.crt")}");
            lines.Add($"keyfile {_dir.Combine("server.key")}");
        }

        await File.WriteAllLinesAsync(ConfigPath, lines);
    }

    private async Task WriteDeployedConfigurationAsync(string deployDirectory)
    {
        await GenerateCertificatesAsync();
        var include = Directory.CreateDirectory(Path.Combine(_dir.Path, "conf.d", "kapmonitor")).FullName;
        var replacements = new Dictionary<string, string>
        {
            ["/etc/mosquitto/certs/ca.pem"] = CaCertificateFile,
            ["/etc/mosquitto/certs/broker.pem"] = _dir.Combine("server.crt"),
            ["/etc/mosquitto/certs/broker.key"] = _dir.Combine("server.key"),
            ["/etc/mosquitto/kapmonitor.passwd"] = await WritePasswordFileAsync(),
            ["/etc/mosquitto/conf.d/kapmonitor/acl"] = Path.Combine(deployDirectory, "acl"),
            ["listener 8883"] = $"listener {Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
        };
        var shipped = await File.ReadAllTextAsync(Path.Combine(deployDirectory, "mosquitto.conf"));
        foreach (var (from, to) in replacements)
        {
            shipped = shipped.Contains(from, StringComparison.Ordinal)
                ? shipped.Replace(from, to, StringComparison.Ordinal)
                : throw new InvalidOperationException($"The shipped {deployDirectory}/mosquitto.conf no longer contains '{from}'; update the deployed-broker fixture with it.");
        }

        await File.WriteAllTextAsync(Path.Combine(include, "mosquitto.conf"), shipped);

        // What Debian's /etc/mosquitto/mosquitto.conf sets before its include_dir, with this broker's paths.
        var main = new List<string>
        {
            $"pid_file {_dir.Combine("mosquitto.pid")}",
            "persistence true",
            $"persistence_location {_dir.Path}/",
            "log_dest stderr",
        };
        AddRunAsRoot(main);

        main.Add($"include_dir {include}");
        await File.WriteAllLinesAsync(ConfigPath, main);
    }

    // Started as root, mosquitto 2 drops to user "mosquitto", which could not read our temp files.
    private static void AddRunAsRoot(List<string> lines)
    {
        if (Environment.UserName == "root")
        {
            lines.Add("user root");
        }
    }

    private async Task<string> WritePasswordFileAsync()
    {
        var passwordFile = _dir.Combine("passwd");
        var passwd = PeerBinary.Require("mosquitto_passwd", "mosquitto");
        var first = true;
        foreach (var (user, password) in Options.Users)
        {
            string[] args = first ? ["-b", "-c", passwordFile, user, password] : ["-b", passwordFile, user, password];
            await RunAsync(passwd, args);
            first = false;
        }

        return passwordFile;
    }

    // A private CA and a server certificate naming localhost and 127.0.0.1 (subjectAltName).
    private async Task GenerateCertificatesAsync()
    {
        var openssl = PeerBinary.Require("openssl", "openssl");
        await RunAsync(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
            "-keyout", _dir.Combine("ca.key"), "-out", CaCertificateFile, "-subj", "/CN=KapMonitor Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
        await RunAsync(openssl, ["req", "-newkey", "rsa:2048", "-nodes", "-sha256",
            "-keyout", _dir.Combine("server.key"), "-out", _dir.Combine("server.csr"), "-subj", "/CN=localhost"]);
        await File.WriteAllTextAsync(_dir.Combine("server.ext"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n");
        await RunAsync(openssl, ["x509", "-req", "-in", _dir.Combine("server.csr"), "-CA", CaCertificateFile, "-CAkey", _dir.Combine("ca.key"),
            "-CAcreateserial", "-days", "2", "-sha256", "-out", _dir.Combine("server.crt"), "-extfile", _dir.Combine("server.ext")]);
    }

    private async Task RunAsync(string program, string[] arguments)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir.Path };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}{await stderr}");
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KapMonitor.Core.Time;
using KapMonitor.Service.Api.Auth;
using KapMonitor.Service.Configuration;
using KapMonitor.Service.Pipeline;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Hosting;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Service.Cli;

/// <summary>
/// <c>kapmon demo</c> (started by deploy/demo.sh, which runs mosquitto and influxd): simulated devices on
/// ptys, the service reading them through the real serial port, all on one scaled clock, and a scripted
/// session driven through the real HTTP API, with a live one-line-per-event view.
/// </summary>
public static class DemoCommand
{
    private const string Site = "demo-clinic";
    private const string Room = "room-1";

    public static async Task<int> RunAsync(CliArgs cli, CancellationToken cancellationToken)
    {
        var work = cli.Require("work", "a scratch folder (./kapmon demo makes one)");
        var root = cli.Require("root", "the repository root");
        var mqtt = cli.Get("mqtt");
        var influx = cli.Get("influx");
        var speed = cli.GetDouble("speed", 30, 1, 600);
        var scenarioName = cli.Get("scenario") ?? "desaturation-with-artifact";
        var seedText = cli.Get("seed");
        cli.RejectUnknown();

        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.LoadByName(scenarioName, Path.Combine(root, "scenarios"));
        }
        catch (ScenarioFormatException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        var seed = scenario.Seed;
        if (seedText is not null && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            throw new UsageException($"--seed must be a whole number (found \"{seedText}\").");
        }

        var time = new ScaledTimeProvider(TimeProvider.System, speed);
        var session = new SimulatedSession(scenario, seed, time.GetUtcNow());
        await using var oximeterPty = new PtySimulatorOutput(Path.Combine(work, "oximeter"));
        await using var cuffPty = new PtySimulatorOutput(Path.Combine(work, "cuff"));
        await using var simulators = new SimulatorHost(time);
        simulators.Add(SimulatedDeviceFactory.Create(DemoDevices.OximeterProtocol, session, oximeterPty, pleth: false));
        simulators.Add(SimulatedDeviceFactory.Create(DemoDevices.CuffProtocol, session, cuffPty));
        simulators.Start();

        if (influx is not null)
        {
            await DemoDevices.CreateInfluxDatabaseAsync(influx, "kapmonitor", cancellationToken);
        }

        var port = FreeLoopbackPort();
        var config = DemoDevices.Config(work, root, Site, Room, oximeterPty.LinkPath!, cuffPty.LinkPath!, scenario.CuffOnOximeterArm, mqtt, influx, port);
        ConfigLoader.Validate("demo configuration", config);
        var therapistToken = NewToken();
        var prescriberToken = NewToken();
        var users = new UserStore(
        [
            new UserRecord { Name = "therapist-ana", Role = Roles.Therapist, TokenHash = PasswordHash.HashToken(therapistToken) },
            new UserRecord { Name = "dr-lee", Role = Roles.Prescriber, TokenHash = PasswordHash.HashToken(prescriberToken) },
        ]);

        var options = new ServiceHostOptions
        {
            Time = time,
            Users = users,
            Logging = b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning),
        };
        options.Observers.Add(new ConsoleLiveView(Console.Out, TimeSpan.FromMinutes(5)));
        await using var app = ServiceHost.Build(config, options);
        await app.StartAsync(cancellationToken);

        var api = $"http://127.0.0.1:{port}";
        Console.WriteLine($"""
            KapMonitor demo: scenario '{scenario.Name}' (seed {seed}) at {speed:0.#}x speed; {scenario.Description}
              devices    oximeter {DemoDevices.OximeterProtocol} on {oximeterPty.Description}; cuff {DemoDevices.CuffProtocol} on {cuffPty.Description}
              HTTP API   {api}/api/v1/rooms/{Room}   (therapist token: {therapistToken})
              MQTT       {(mqtt is null ? "not configured" : $"mqtt://{mqtt}  topics kapmonitor/v1/{Site}/{Room}/#  (mosquitto_sub -h {mqtt.Split(':')[0]} -p {mqtt.Split(':')[1]} -t 'kapmonitor/v1/#' -v)")}
              InfluxDB   {(influx is null ? "not configured" : $"{influx}  database kapmonitor  (measurement vitals)")}
              journal    {config.Journal.Path}   (./kapmon audit verify --journal {config.Journal.Path})
            Ctrl-C stops everything. Session time runs {speed:0.#}x faster than the clock on the wall.

            """);

        // Ctrl-C cancels the token; a SIGTERM (service manager, `kill`, `timeout`) reaches the host, which asks to stop.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
        try
        {
            await new DemoScript(api, therapistToken, prescriberToken, Room, scenario, time, Console.Out).RunAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using KapMonitor.Service.Configuration;

namespace KapMonitor.Service.Cli;

/// <summary><c>kapmon run --config FILE</c>: the service itself.</summary>
public static class RunCommand
{
    public static async Task<int> RunAsync(CliArgs cli, CancellationToken cancellationToken)
    {
        var path = cli.Require("config", "the service configuration file (see deploy/kapmonitor.example.json)");
        cli.RejectUnknown();
        var config = ConfigLoader.Load(path);
        await using var app = ServiceHost.Build(config);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}

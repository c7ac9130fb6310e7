using KapMonitor.Simulators.Hosting;

namespace KapMonitor.Service.Cli;

/// <summary><c>kapmon simulate --profile DEVICE --scenario NAME --transport pty|tcp:PORT|file:PATH [--seed N] [--speed X]</c>.</summary>
public static class SimulateCommand
{
    public static async Task<int> RunAsync(CliArgs cli, TextWriter output, CancellationToken cancellationToken)
    {
        var seedText = cli.Get("seed");
        ulong? seed = null;
        if (seedText is not null)
        {
            seed = ulong.TryParse(seedText, out var s) ? s : throw new UsageException($"--seed must be a whole number (found \"{seedText}\").");
        }

        var options = new SimulateOptions
        {
            Profile = cli.Require("profile", "the simulated device (e.g. nonin-df8, suntech-advantage)"),
            Scenario = cli.Require("scenario", "a scenario name from scenarios/ (e.g. kap-lozenge-normal)"),
            Transport = cli.Get("transport") ?? "pty",
            Seed = seed,
            Speed = cli.GetDouble("speed", 1, 0.01, 10_000),
            ScenarioDirectory = cli.Get("scenarios"),
        };
        cli.RejectUnknown();
        return await new SimulateTool().RunAsync(options, output, cancellationToken);
    }
}

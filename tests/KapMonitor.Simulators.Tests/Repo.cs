using System.Reflection;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Tests;

internal static class Repo
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public static string Root { get; } = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string ScenarioDirectory => Path.Combine(Root, "scenarios");

    public static Scenario Scenario(string name) => ScenarioLoader.LoadByName(name, ScenarioDirectory);

    public static SimulatedSession Session(string name, ulong? seed = null)
    {
        var scenario = Scenario(name);
        return new SimulatedSession(scenario, seed ?? scenario.Seed, Start);
    }

    /// <summary>Ticks <paramref name="device"/> every <paramref name="step"/> from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static void Run(SimulatedDevice device, TimeSpan from, TimeSpan to, TimeSpan? step = null)
    {
        var s = step ?? TimeSpan.FromMilliseconds(100);
        for (var t = from; t <= to; t += s)
        {
            device.Tick(t);
        }
    }
}

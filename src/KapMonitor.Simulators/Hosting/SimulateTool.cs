using System.Globalization;
using KapMonitor.Core.Time;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Hosting;

/// <summary>
/// The logic behind <c>kapmon simulate --profile DEVICE --scenario NAME --transport pty|tcp:PORT|file:PATH
/// [--seed N] [--speed X]</c>: runs one simulated device through a scenario and prints where to find it.
/// </summary>
/// <param name="clock">The real clock to accelerate (tests pass a manual one); default the system clock.</param>
public sealed class SimulateTool(TimeProvider? clock = null)
{
    /// <summary>Exit code for bad arguments or a bad scenario file.</summary>
    public const int UsageError = 2;

    /// <summary>Runs until the scenario ends or <paramref name="cancellationToken"/> fires; returns the exit code.</summary>
    public async Task<int> RunAsync(SimulateOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);

        if (!double.IsFinite(options.Speed) || options.Speed <= 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"--speed must be a number greater than 0 (found {options.Speed})."));
            return UsageError;
        }

        var protocolId = SimulatedDeviceFactory.ResolveProtocolId(options.Profile);
        if (protocolId is null)
        {
            await output.WriteLineAsync($"--profile '{options.Profile}' is not a simulated device. Known: {string.Join(", ", SimulatedDeviceFactory.ProfileNames)}.");
            return UsageError;
        }

        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.LoadByName(options.Scenario, options.ScenarioDirectory);
        }
        catch (ScenarioFormatException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return UsageError;
        }

        var time = new ScaledTimeProvider(clock ?? TimeProvider.System, options.Speed);
        ISimulatorOutput sink;
        try
        {
            sink = CreateOutput(options.Transport, time);
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return UsageError;
        }

        var seed = options.Seed ?? scenario.Seed;
        var session = new SimulatedSession(scenario, seed, time.GetUtcNow());
        await using var host = new SimulatorHost(time);
        host.Add(SimulatedDeviceFactory.Create(protocolId, session, sink, options.Pleth));
        host.Start();

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Simulating {protocolId} through scenario '{scenario.Name}' (seed {seed}, speed {options.Speed}x, {scenario.Duration:c} session time)."));
        await output.WriteLineAsync($"Device: {sink.Description}");
        await output.FlushAsync(cancellationToken);

        try
        {
            await Task.Delay(scenario.Duration, time, cancellationToken);
            await output.WriteLineAsync($"Scenario '{scenario.Name}' finished.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("Simulation stopped.");
        }

        return 0;
    }

    /// <summary>Parses a <c>--transport</c> value into an output.</summary>
    public static ISimulatorOutput CreateOutput(string transport, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(transport);
        if (transport == "pty")
        {
            return new PtySimulatorOutput();
        }

        if (transport.StartsWith("pty:", StringComparison.Ordinal) && transport.Length > 4)
        {
            return new PtySimulatorOutput(transport[4..]);
        }

        if (transport.StartsWith("tcp:", StringComparison.Ordinal))
        {
            return int.TryParse(transport.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
                ? new TcpSimulatorOutput(port)
                : throw new ArgumentException($"--transport tcp:PORT needs a port from 0 to 65535 (found '{transport[4..]}').", nameof(transport));
        }

        if (transport.StartsWith("file:", StringComparison.Ordinal) && transport.Length > 5)
        {
            return new CaptureFileSimulatorOutput(transport[5..], time);
        }

        throw new ArgumentException($"--transport must be pty, pty:LINK, tcp:PORT or file:PATH (found '{transport}').", nameof(transport));
    }
}

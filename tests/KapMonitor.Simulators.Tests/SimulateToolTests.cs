using KapMonitor.Simulators.Hosting;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;

namespace KapMonitor.Simulators.Tests;

public sealed class SimulateToolTests
{
    [Fact]
    public async Task Runs_a_scenario_at_speed_into_a_capture_file_and_says_where_the_device_is()
    {
        using var dir = new TempDirectory("kapsim");
        await File.WriteAllTextAsync(dir.Combine("short.json"), """
            { "schemaVersion": 1, "name": "short", "seed": 3, "duration": "00:02:00",
              "dose": { "route": "none", "at": "00:00:00" } }
            """);
        var clock = new ManualTimeProvider();
        var output = new StringWriter();
        var capture = dir.Combine("out.bin");
        var run = new SimulateTool(clock).RunAsync(
            new SimulateOptions { Profile = "nonin-df8", Scenario = "short", ScenarioDirectory = dir.Path, Transport = "file:" + capture, Speed = 60 },
            output,
            CancellationToken.None);

        for (var i = 0; i < 40 && !run.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        var text = output.ToString();
        Assert.Contains("Device: " + capture, text, StringComparison.Ordinal);
        Assert.Contains("finished", text, StringComparison.Ordinal);
        // 120 s of session time at one DF8 record a second (the last one may land on either side of the end).
        Assert.InRange(new FileInfo(capture).Length, 119 * 4, 121 * 4);
    }

    [Fact]
    public async Task Serves_a_device_on_a_pty_in_accelerated_real_time()
    {
        using var dir = new TempDirectory("kapsim");
        var link = dir.Combine("oximeter");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new StringWriter();
        var run = new SimulateTool().RunAsync(
            new SimulateOptions { Profile = "nonin-df8", Scenario = "probe-off", ScenarioDirectory = Repo.ScenarioDirectory, Transport = "pty:" + link, Speed = 20 },
            output,
            stop.Token);

        while (!File.Exists(link))
        {
            Assert.False(run.IsCompleted, output.ToString());
            await Task.Delay(20, stop.Token);
        }

        await using (var slave = new FileStream(link, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0))
        {
            var received = new List<byte>();
            var buffer = new byte[64];
            while (received.Count < 12)
            {
                var n = await slave.ReadAsync(buffer, stop.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                received.AddRange(buffer.AsSpan(0, n));
            }

            // DF8 records: STATUS has bit 7 set, the other three bytes do not.
            var start = received.FindIndex(b => b >= 0x80);
            Assert.InRange(start, 0, 3);
            Assert.All(received.GetRange(start, 8).Select((b, i) => (b, i)), x => Assert.Equal(x.i % 4 == 0, x.b >= 0x80));
        }

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Device: " + link + " -> /dev/pts/", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", "probe-off", "pty", "--profile 'nope' is not a simulated device")]
    [InlineData("nonin-df2", "missing", "pty", "Scenario 'missing' not found")]
    [InlineData("nonin-df2", "probe-off", "serial", "--transport must be pty, pty:LINK, tcp:PORT or file:PATH (found 'serial')")]
    [InlineData("nonin-df2", "probe-off", "tcp:99999", "--transport tcp:PORT needs a port from 0 to 65535")]
    public async Task Bad_arguments_explain_themselves(string profile, string scenario, string transport, string message)
    {
        var output = new StringWriter();
        var code = await new SimulateTool(new ManualTimeProvider()).RunAsync(
            new SimulateOptions { Profile = profile, Scenario = scenario, Transport = transport, ScenarioDirectory = Repo.ScenarioDirectory },
            output,
            CancellationToken.None);
        Assert.Equal(SimulateTool.UsageError, code);
        Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
    }
}

using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Hosting;
using KapMonitor.Simulators.Outputs;
using KapMonitor.Testing;

namespace KapMonitor.Simulators.Tests;

public sealed class SimulatorHostTests
{
    [Fact]
    public async Task One_timer_drives_many_devices_reproducibly()
    {
        var first = await RunFleet();
        var second = await RunFleet();
        Assert.Equal(first, second);
        Assert.All(first, h => Assert.NotEqual(0UL, h));
    }

    [Fact]
    public async Task A_failing_device_is_logged_and_the_others_keep_running()
    {
        var clock = new ManualTimeProvider();
        await using var host = new SimulatorHost(clock);
        var good = new MemorySimulatorOutput();
        host.Add(new MasimoOximeterDevice(Repo.Session("probe-off"), good));
        host.Add(new MasimoOximeterDevice(Repo.Session("probe-off"), new ThrowingOutput()));
        host.Start();

        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.True(host.FaultCount > 0);
        Assert.True(good.Count > 0);
    }

    private static async Task<ulong[]> RunFleet()
    {
        var clock = new ManualTimeProvider();
        await using var host = new SimulatorHost(clock);
        var outputs = new List<MemorySimulatorOutput>();
        var ids = SimulatedDeviceFactory.ProtocolIds.Where(id => id is not "suntech-advantage" and not "contec-v7").ToArray();
        for (var i = 0; i < 40; i++)
        {
            var output = new MemorySimulatorOutput(keepBytes: false);
            outputs.Add(output);
            var session = new SimulatedSession(Repo.Scenario("probe-off"), (ulong)i, Repo.Start);
            host.Add(SimulatedDeviceFactory.Create(ids[i % ids.Length], session, output, pleth: i % 2 == 0));
        }

        host.Start();
        for (var s = 0; s < 30; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(0, host.FaultCount);
        return [.. outputs.Select(o => o.Hash)];
    }

    private sealed class ThrowingOutput : ISimulatorOutput
    {
        public string Description => "broken";

        public void Write(ReadOnlySpan<byte> data) => throw new IOException("simulated write failure");

        public int Read(Span<byte> buffer) => 0;

        public void SetAttached(bool attached)
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

using System.Security.Cryptography;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Outputs;

namespace KapMonitor.Simulators.Tests;

public sealed class DeviceDeterminismTests
{
    public static TheoryData<string> Protocols => new(SimulatedDeviceFactory.ProtocolIds.ToArray());

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Same_seed_and_clock_give_byte_identical_streams(string protocolId)
    {
        var first = Hash(protocolId, seed: 11);
        var second = Hash(protocolId, seed: 11);
        var other = Hash(protocolId, seed: 12);

        Assert.Equal(first.Hash, second.Hash);
        Assert.True(first.Length > 100, $"{protocolId} wrote only {first.Length} bytes");
        Assert.NotEqual(first.Hash, other.Hash);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Stream_does_not_depend_on_how_often_the_device_is_ticked(string protocolId)
    {
        if (protocolId is "suntech-advantage" or "contec-v7")
        {
            return; // Command-driven: replies follow the host's timing by design.
        }

        var session = Repo.Session("probe-off", 5);
        var a = new MemorySimulatorOutput();
        var b = new MemorySimulatorOutput();
        Repo.Run(SimulatedDeviceFactory.Create(protocolId, session, a), TimeSpan.FromMinutes(34), TimeSpan.FromMinutes(37), TimeSpan.FromMilliseconds(100));
        var coarse = SimulatedDeviceFactory.Create(protocolId, session, b);
        Repo.Run(coarse, TimeSpan.FromMinutes(34), TimeSpan.FromMinutes(37), TimeSpan.FromMilliseconds(700));
        coarse.Tick(TimeSpan.FromMinutes(37));

        Assert.Equal(a.ToArray(), b.ToArray());
    }

    private static (string Hash, int Length) Hash(string protocolId, ulong seed)
    {
        var session = Repo.Session("probe-off", seed);
        var output = new MemorySimulatorOutput();
        var device = SimulatedDeviceFactory.Create(protocolId, session, output);
        var bytes = FakeHost.Drive(device, output, TimeSpan.FromMinutes(34), TimeSpan.FromMinutes(37), FakeHost.For(protocolId, output));
        return (Convert.ToHexString(SHA256.HashData(bytes)), bytes.Length);
    }
}

using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Outputs;

namespace KapMonitor.Simulators.Tests;

/// <summary>Plays the monitoring service against a simulated device: sees the device's bytes each tick and may answer.</summary>
internal static class FakeHost
{
    public static readonly byte[] SunTechStart = Convert.FromHexString("3A20A6");
    public static readonly byte[] SunTechPoll = Convert.FromHexString("3A790500" + "48");
    public static readonly byte[] SunTechGetData = Convert.FromHexString("3A7903004A");
    public static readonly byte[] SunTechAbort = Convert.FromHexString("3A7901004C");
    public static readonly byte[] ContecStart = Convert.FromHexString("7D81A1808080808080");
    public static readonly byte[] ContecStop = Convert.FromHexString("7D81A2808080808080");
    public static readonly byte[] ContecKeepAlive = Convert.FromHexString("7D81AF808080808080");

    /// <summary>
    /// Ticks <paramref name="device"/> every 100 ms over [from, to]; after each tick <paramref name="host"/> gets
    /// the time and the bytes written since the last tick, and may inject commands into <paramref name="output"/>.
    /// Returns every byte the device wrote.
    /// </summary>
    public static byte[] Drive(SimulatedDevice device, MemorySimulatorOutput output, TimeSpan from, TimeSpan to, Action<TimeSpan, byte[]>? host = null)
    {
        var all = new List<byte>();
        for (var t = from; t <= to; t += TimeSpan.FromMilliseconds(100))
        {
            device.Tick(t);
            var fresh = output.Take();
            all.AddRange(fresh);
            host?.Invoke(t, fresh);
        }

        return [.. all];
    }

    /// <summary>A host for a SunTech module: starts a cycle every <paramref name="every"/>, polls the cuff while it runs, fetches data after 'K'.</summary>
    public static Action<TimeSpan, byte[]> SunTech(MemorySimulatorOutput output, TimeSpan every, List<byte[]> responses)
    {
        var running = false;
        var nextStart = TimeSpan.Zero;
        var sincePoll = TimeSpan.Zero;
        var pending = new List<byte>();
        return (t, fresh) =>
        {
            pending.AddRange(fresh);
            while (pending.Count >= 2 && pending[0] == 0x3E && pending.Count >= pending[1])
            {
                var packet = pending.Take(pending[1]).ToArray();
                pending.RemoveRange(0, packet.Length);
                responses.Add(packet);
                if (packet is [0x3E, 0x04, 0x4B, _])
                {
                    running = false;
                    output.Inject(SunTechGetData);
                }
            }

            if (!running && t >= nextStart)
            {
                running = true;
                nextStart = t + every;
                output.Inject(SunTechStart);
            }
            else if (running && (sincePoll += TimeSpan.FromMilliseconds(100)) >= TimeSpan.FromMilliseconds(200))
            {
                sincePoll = TimeSpan.Zero;
                output.Inject(SunTechPoll);
            }
        };
    }

    /// <summary>A host for a Contec v7 oximeter: start-realtime once, keep-alive every 4 s.</summary>
    public static Action<TimeSpan, byte[]> ContecV7(MemorySimulatorOutput output)
    {
        TimeSpan? started = null;
        var lastKeepAlive = TimeSpan.Zero;
        return (t, _) =>
        {
            if (started is null)
            {
                started = t;
                lastKeepAlive = t;
                output.Inject(ContecStart);
            }
            else if (t - lastKeepAlive >= TimeSpan.FromSeconds(4))
            {
                lastKeepAlive = t;
                output.Inject(ContecKeepAlive);
            }
        };
    }

    /// <summary>The host appropriate to <paramref name="protocolId"/> (null for stream-only devices).</summary>
    public static Action<TimeSpan, byte[]>? For(string protocolId, MemorySimulatorOutput output, List<byte[]>? responses = null) => protocolId switch
    {
        "suntech-advantage" => SunTech(output, TimeSpan.FromMinutes(1), responses ?? []),
        "contec-v7" => ContecV7(output),
        _ => null,
    };
}

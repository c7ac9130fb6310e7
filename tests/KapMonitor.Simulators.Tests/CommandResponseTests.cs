using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Encoders;
using KapMonitor.Simulators.Outputs;

namespace KapMonitor.Simulators.Tests;

public sealed class CommandResponseTests
{
    private static readonly TimeSpan s_t0 = TimeSpan.FromMinutes(5);

    [Fact]
    public void SunTech_runs_a_cycle_like_the_module()
    {
        var session = Repo.Session("kap-lozenge-normal");
        var output = new MemorySimulatorOutput();
        var device = new SunTechCuffDevice(session, output);

        output.Inject(FakeHost.SunTechStart);
        device.Tick(s_t0);
        Assert.Equal(Convert.FromHexString("3E044F6F"), output.Take());

        var pressures = new List<int>();
        var t = s_t0;
        byte[] done = [];
        while (done.Length == 0 && t < s_t0 + TimeSpan.FromMinutes(1))
        {
            t += TimeSpan.FromMilliseconds(200);
            output.Inject(FakeHost.SunTechPoll);
            device.Tick(t);
            var reply = output.Take();
            Assert.Equal(0x3E, reply[0]);
            Assert.Equal(0, reply.Take(5).Sum(b => b) % 256);
            pressures.Add(reply[2] | (reply[3] << 8));
            if (reply.Length > 5)
            {
                done = reply[5..];
            }
        }

        Assert.Equal(Convert.FromHexString("3E044B73"), done);
        Assert.True(pressures.Max() > 140);
        Assert.InRange((t - s_t0).TotalSeconds, 20, 45);

        output.Inject(FakeHost.SunTechGetData);
        device.Tick(t + TimeSpan.FromMilliseconds(100));
        var data = output.Take();
        Assert.Equal(24, data.Length);
        Assert.Equal(0, data.Sum(b => b) % 256);
        var result = device.Nibp.Current!.Result;
        Assert.Equal(result.Systolic, data[2] | (data[3] << 8));
        Assert.Equal(result.Diastolic, data[4] | (data[5] << 8));
        Assert.Equal(result.MeanArterial, data[18] | (data[19] << 8));
        Assert.Equal(result.HeartRate, data[16]);
        Assert.Equal(0, data[20]);
    }

    [Fact]
    public void SunTech_answers_busy_abort_bad_checksum_and_unknown_commands()
    {
        var session = Repo.Session("kap-lozenge-normal");
        var output = new MemorySimulatorOutput();
        var device = new SunTechCuffDevice(session, output);

        output.Inject([.. FakeHost.SunTechStart, .. FakeHost.SunTechStart]);
        device.Tick(s_t0);
        Assert.Equal(Convert.FromHexString("3E044F6F" + "3E04427C"), output.Take());

        output.Inject(FakeHost.SunTechAbort);
        device.Tick(s_t0 + TimeSpan.FromSeconds(1));
        Assert.Equal(Convert.FromHexString("3E04417D"), output.Take());
        Assert.False(device.Nibp.IsRunning(s_t0 + TimeSpan.FromSeconds(1)));

        output.Inject(Convert.FromHexString("3A20A7"));
        device.Tick(s_t0 + TimeSpan.FromSeconds(2));
        Assert.Equal(Convert.FromHexString("3E044E70"), output.Take());

        output.Inject(Convert.FromHexString("3A55"));
        device.Tick(s_t0 + TimeSpan.FromSeconds(3));
        Assert.Equal(Convert.FromHexString("3E04447A"), output.Take());

        // Junk before a command is skipped.
        output.Inject(Convert.FromHexString("00FF3A20A6"));
        device.Tick(s_t0 + TimeSpan.FromSeconds(4));
        Assert.Equal(Convert.FromHexString("3E044F6F"), output.Take());
    }

    [Fact]
    public void Contec_v7_streams_only_after_start_and_stops_without_keep_alive()
    {
        var session = Repo.Session("kap-lozenge-normal");
        var output = new MemorySimulatorOutput();
        var device = new ContecV7OximeterDevice(session, output);

        Repo.Run(device, s_t0, s_t0 + TimeSpan.FromSeconds(2));
        Assert.Empty(output.Take());

        output.Inject(FakeHost.ContecStart);
        var start = s_t0 + TimeSpan.FromSeconds(3);
        Repo.Run(device, start, start + TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(100));
        var second = output.Take();
        Assert.InRange(second.Length, 30 * 9, 61 * 9);
        Assert.True(device.Streaming);
        for (var i = 0; i < second.Length; i += 9)
        {
            Assert.Equal(ContecV7Encoder.RealtimeType, second[i]);
        }

        // Keep-alive at +5 s keeps it going past +8 s; silence after that stops it 8 s later.
        Repo.Run(device, start + TimeSpan.FromSeconds(1), start + TimeSpan.FromSeconds(5));
        output.Inject(FakeHost.ContecKeepAlive);
        Repo.Run(device, start + TimeSpan.FromSeconds(5.1), start + TimeSpan.FromSeconds(12));
        Assert.True(device.Streaming);
        Repo.Run(device, start + TimeSpan.FromSeconds(12.1), start + TimeSpan.FromSeconds(14));
        Assert.False(device.Streaming);
        output.Take();
        Repo.Run(device, start + TimeSpan.FromSeconds(14.1), start + TimeSpan.FromSeconds(16));
        Assert.Empty(output.Take());

        output.Inject(FakeHost.ContecStart);
        Repo.Run(device, start + TimeSpan.FromSeconds(20), start + TimeSpan.FromSeconds(21));
        Assert.NotEmpty(output.Take());
        output.Inject(FakeHost.ContecStop);
        device.Tick(start + TimeSpan.FromSeconds(21.1));
        output.Take();
        Repo.Run(device, start + TimeSpan.FromSeconds(21.2), start + TimeSpan.FromSeconds(22));
        Assert.Empty(output.Take());
    }

    [Theory]
    [InlineData("027002020803", 8, 0x06)]
    [InlineData("027002020203", 2, 0x06)]
    [InlineData("02700402072194" + "03", 2, 0x15)]
    [InlineData("027004020721" + "9E" + "03", 7, 0x06)]
    [InlineData("027002020503", 2, 0x15)]
    [InlineData("027002020804", 2, 0x15)]
    public void Nonin_set_format_is_acknowledged_and_switches_the_stream(string command, int expectedFormat, byte reply)
    {
        var session = Repo.Session("kap-lozenge-normal");
        var output = new MemorySimulatorOutput();
        var device = new NoninOximeterDevice(session, output, 2);
        Repo.Run(device, s_t0, s_t0 + TimeSpan.FromSeconds(1));
        output.Take();

        output.Inject(Convert.FromHexString(command));
        device.Tick(s_t0 + TimeSpan.FromSeconds(1.1));
        var bytes = output.Take();
        Assert.Equal(reply, bytes[0]);
        Assert.Equal(expectedFormat, device.Format);
        Assert.Equal("nonin-df" + expectedFormat, device.ProtocolId);
    }
}

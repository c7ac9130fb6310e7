using KapMonitor.Core.Observations;
using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Outputs;

namespace KapMonitor.Simulators.Tests;

/// <summary>Every frame the simulators emit decodes, with the service's own decoders, to what the model produced.</summary>
public sealed class RoundTripTests
{
    private static readonly TimeSpan s_from = TimeSpan.FromMinutes(34.5);
    private static readonly TimeSpan s_to = TimeSpan.FromMinutes(36.5);

    [Theory]
    [InlineData("nonin-df2", 75.0 / 25)]
    [InlineData("nonin-df7", 75.0 / 25)]
    [InlineData("nonin-df8", 1.0)]
    [InlineData("nonin-df13", 0.1)]
    [InlineData("masimo-ascii", 1.0)]
    [InlineData("contec-legacy", 60.0 / 20)]
    [InlineData("contec-v7", 60.0 / 20)]
    public void Oximeter_values_and_probe_off_survive_the_decoders(string protocolId, double readingsPerSecond)
    {
        var session = Repo.Session("probe-off");
        var output = new MemorySimulatorOutput();
        var link = new LinkLoop(protocolId, SimulatedDeviceFactory.Create(protocolId, session, output), output);
        link.Run(s_from, s_to);

        Assert.Empty(link.Sink.Errors);
        var start = protocolId == "contec-v7" ? s_from + TimeSpan.FromMilliseconds(1) : s_from;
        var full = ExpectedReadings(session, readingsPerSecond, start, s_to);
        var settled = ExpectedReadings(session, readingsPerSecond, start, s_to - TimeSpan.FromSeconds(readingsPerSecond < 1 ? 10 : 1));

        AssertSequence(full.Select(r => (double?)r.Spo2 ?? double.NaN), settled.Select(r => (double?)r.Spo2 ?? double.NaN), link.Sink.Of(Metric.Spo2));
        AssertSequence(full.Select(r => (double?)r.PulseRate ?? double.NaN), settled.Select(r => (double?)r.PulseRate ?? double.NaN), link.Sink.Of(Metric.PulseRate));

        var offline = link.Sink.Of(Metric.Spo2).Where(o => o.Validity == Validity.Invalid && (o.Flags & (ObservationFlags.ProbeOff | ObservationFlags.SensorDisconnected)) != 0).ToList();
        if (protocolId == "nonin-df13")
        {
            // A spot-check record has no probe-off bit: it says "no measurement".
            Assert.Contains(link.Sink.Of(Metric.Spo2), o => o.Validity == Validity.Invalid);
        }
        else
        {
            Assert.NotEmpty(offline);
            Assert.All(offline, o => Assert.InRange(o.ReceivedAt, Repo.Start + TimeSpan.FromMinutes(35), Repo.Start + TimeSpan.FromMinutes(36.01)));
        }

        var valid = link.Sink.Of(Metric.Spo2).Where(o => o.IsValid).ToList();
        Assert.NotEmpty(valid);
    }

    [Fact]
    public void SunTech_cycles_commanded_by_the_real_protocol_decode_to_the_model_results()
    {
        var session = Repo.Session("kap-lozenge-normal");
        var output = new MemorySimulatorOutput();
        var device = new SunTechCuffDevice(session, output);
        var link = new LinkLoop("suntech-advantage", device, output);
        var cycles = new List<NibpCycle>();
        var from = TimeSpan.FromMinutes(40);

        link.Run(from, from + TimeSpan.FromMinutes(5), t => t == from || t == from + TimeSpan.FromMinutes(2),
            _ =>
            {
                if (device.Nibp.Current is { } c && !cycles.Contains(c))
                {
                    cycles.Add(c);
                }
            });

        Assert.Empty(link.Sink.Errors);
        Assert.Equal(2, cycles.Count);
        Assert.Equal(cycles.Select(c => (double)c.Result.Systolic), link.Sink.Of(Metric.Systolic).Select(o => o.Value));
        Assert.Equal(cycles.Select(c => (double)c.Result.Diastolic), link.Sink.Of(Metric.Diastolic).Select(o => o.Value));
        Assert.Equal(cycles.Select(c => (double)c.Result.MeanArterial), link.Sink.Of(Metric.MeanArterial).Select(o => o.Value));
        Assert.Equal(cycles.Select(c => (double)c.Result.HeartRate), link.Sink.Of(Metric.HeartRate).Select(o => o.Value));
        Assert.All(link.Sink.Of(Metric.Systolic), o => Assert.True(o.IsValid));

        var cuff = link.Sink.Of(Metric.CuffPressure);
        Assert.True(cuff.Count > 100);
        Assert.True(cuff.Max(o => o.Value) > cycles[0].Result.Systolic);
        Assert.Equal(2, link.Sink.Statuses.Count(s => s.Condition == DeviceCondition.NibpCycleCompleted));
    }

    [Fact]
    public void SunTech_failures_decode_to_nibp_failed_with_the_module_error_code()
    {
        var session = Repo.Session("cuff-error-burst");
        var output = new MemorySimulatorOutput();
        var link = new LinkLoop("suntech-advantage", new SunTechCuffDevice(session, output), output);
        var from = TimeSpan.FromMinutes(30);

        link.Run(from, from + TimeSpan.FromMinutes(13), t => t.Ticks % TimeSpan.FromMinutes(3).Ticks == 0);

        Assert.Empty(link.Sink.Errors);
        var failures = link.Sink.Statuses.Where(s => s.Condition == DeviceCondition.NibpFailed).Select(s => s.Code).ToList();
        Assert.Equal([0x02, 0x02, 0x87, 0x87, 0x89], failures);
        Assert.DoesNotContain(link.Sink.Of(Metric.Systolic), o => o.IsValid);
    }

    [Fact]
    public void Nonin_host_switching_format_gets_an_ack_and_the_new_format()
    {
        var session = Repo.Session("kap-lozenge-normal");
        var output = new MemorySimulatorOutput();
        var device = new NoninOximeterDevice(session, output, 2);
        var link = new LinkLoop("nonin-df8", device, output, """{ "setFormatOnOpen": true }""");

        link.Run(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10.5));

        Assert.Equal(8, device.Format);
        Assert.Empty(link.Sink.Errors);
        Assert.DoesNotContain(link.Sink.Statuses, s => s.Condition == DeviceCondition.CommandFailed);
        Assert.InRange(link.Sink.Of(Metric.Spo2).Count, 29, 31);
    }

    private static List<OximeterReading> ExpectedReadings(SimulatedSession session, double perSecond, TimeSpan from, TimeSpan to)
    {
        var list = new List<OximeterReading>();
        var frameRate = perSecond switch { 3.0 => 75.0, _ => perSecond };
        var step = perSecond == 3.0 ? 25 : 1;
        for (long k = 0; ; k += step)
        {
            var t = TimeSpan.FromTicks((long)(k * TimeSpan.TicksPerSecond / frameRate));
            if (t > to)
            {
                break;
            }

            if (t >= from)
            {
                list.Add(session.ReadOximeter(t));
            }
        }

        return list;
    }

    private static void AssertSequence(IEnumerable<double> full, IEnumerable<double> settled, List<Observation> decoded)
    {
        var got = Collapse(decoded.Select(o => o.Value));
        var all = Collapse(full);
        var must = Collapse(settled);
        Assert.True(got.Count <= all.Count && all.Take(got.Count).SequenceEqual(got), $"decoded [{string.Join(",", got)}] is not a prefix of the model's [{string.Join(",", all)}]");
        Assert.True(got.Count >= must.Count && got.Take(must.Count).SequenceEqual(must), $"decoded [{string.Join(",", got)}] misses the model's [{string.Join(",", must)}]");
    }

    private static List<double> Collapse(IEnumerable<double> values)
    {
        var list = new List<double>();
        foreach (var v in values)
        {
            if (list.Count == 0 || !list[^1].Equals(v))
            {
                list.Add(v);
            }
        }

        return list;
    }
}

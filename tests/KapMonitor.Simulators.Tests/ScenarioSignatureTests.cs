using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Outputs;

namespace KapMonitor.Simulators.Tests;

public sealed class ScenarioSignatureTests
{
    [Fact]
    public void Probe_off_window_produces_probe_off_frames_and_only_there()
    {
        var session = Repo.Session("probe-off");
        var output = new MemorySimulatorOutput();
        var device = new NoninOximeterDevice(session, output, 8);
        var statusBySecond = new Dictionary<int, byte>();
        for (var s = 33 * 60; s <= 38 * 60; s++)
        {
            device.Tick(TimeSpan.FromSeconds(s));
            var record = output.Take();
            Assert.Equal(4, record.Length);
            statusBySecond[s] = record[0];
        }

        bool ProbeOff(int s) => (statusBySecond[s] & 0x40) != 0;
        Assert.All(Enumerable.Range(35 * 60, 60), s => Assert.True(ProbeOff(s), $"second {s}"));
        Assert.False(ProbeOff((35 * 60) - 1));
        Assert.False(ProbeOff(36 * 60));
        // Searching (OOT) for a few seconds after the probe goes back on, then values again.
        Assert.True((statusBySecond[36 * 60] & 0x20) != 0);
        Assert.Equal(0, statusBySecond[(36 * 60) + 10] & 0x60);
    }

    [Fact]
    public void Cuff_error_burst_produces_error_codes_in_its_window()
    {
        var session = Repo.Session("cuff-error-burst");
        var output = new MemorySimulatorOutput();
        var device = new SunTechCuffDevice(session, output);
        var responses = new List<byte[]>();
        FakeHost.Drive(device, output, TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(45), FakeHost.SunTech(output, TimeSpan.FromMinutes(2.5), responses));

        var errors = responses.Where(r => r.Length == 24).Select(r => r[20]).ToList();
        Assert.Equal(8, errors.Count);
        Assert.Equal([0x00, 0x00, 0x02, 0x02, 0x02, 0x87, 0x89, 0x89], errors);
    }

    [Fact]
    public void White_coat_baseline_starts_above_140_systolic_and_settles()
    {
        var session = Repo.Session("white-coat-baseline");
        Assert.True(session.Physiology.Sample(TimeSpan.Zero).Systolic > 140);
        Assert.True(session.Physiology.Sample(TimeSpan.FromMinutes(1)).Systolic > 140);
        Assert.True(session.Physiology.Sample(TimeSpan.FromMinutes(44)).Systolic < 140);
    }

    [Fact]
    public void Esketamine_responder_surges_at_least_40_systolic_around_40_minutes()
    {
        var model = Repo.Session("esketamine-responder").Physiology;
        var baseline = model.MeanPressure(TimeSpan.FromMinutes(14)).Systolic;
        Assert.True(model.MeanPressure(TimeSpan.FromMinutes(55)).Systolic - baseline >= 40);
    }

    [Fact]
    public void Slow_recovery_is_still_more_than_20_percent_above_baseline_two_hours_after_the_dose()
    {
        var model = Repo.Session("slow-recovery").Physiology;
        var baseline = model.Patient.BaselineSystolic;
        Assert.True(model.MeanPressure(TimeSpan.FromMinutes(135)).Systolic > baseline * 1.2);
        Assert.True(model.MeanPressure(TimeSpan.FromMinutes(235)).Systolic < baseline * 1.2);
    }

    [Fact]
    public void Desaturation_scenario_has_questionable_artifact_then_a_real_dip()
    {
        var session = Repo.Session("desaturation-with-artifact");
        var artifact = session.ReadOximeter(TimeSpan.FromMinutes(51));
        Assert.True((artifact.Status & OximeterStatus.Artifact) != 0);
        var dip = session.ReadOximeter(TimeSpan.FromMinutes(71.5));
        Assert.Equal(OximeterStatus.None, dip.Status);
        Assert.InRange(dip.Spo2!.Value, 82, 87);
    }

    [Fact]
    public void Device_unplug_stops_the_stream_and_detaches_the_output()
    {
        var session = Repo.Session("device-unplug");
        var output = new MemorySimulatorOutput();
        var device = new MasimoOximeterDevice(session, output);
        var bytesPerMinute = new List<int>();
        for (var m = 38; m < 44; m++)
        {
            Repo.Run(device, TimeSpan.FromMinutes(m), TimeSpan.FromMinutes(m + 1) - TimeSpan.FromMilliseconds(100));
            bytesPerMinute.Add(output.Take().Length);
        }

        Assert.Equal(1, output.Detachments);
        Assert.True(output.Attached);
        Assert.Equal(0, bytesPerMinute[2]);
        Assert.Equal(0, bytesPerMinute[3]);
        Assert.True(bytesPerMinute[0] > 0 && bytesPerMinute[4] > 0);
    }

    [Fact]
    public void Cuff_on_the_oximeter_arm_makes_spo2_searching_while_occluded()
    {
        var session = Repo.Session("esketamine-responder");
        var cuff = new SunTechCuffDevice(session, new MemorySimulatorOutput());
        Assert.True(cuff.Nibp.TryStart(TimeSpan.FromMinutes(20)));
        var occluded = session.ReadOximeter(TimeSpan.FromMinutes(20) + TimeSpan.FromSeconds(9));
        Assert.True((occluded.Status & OximeterStatus.CuffInflating) != 0);
        Assert.False(occluded.HasValues);
        Assert.True(session.ReadOximeter(TimeSpan.FromMinutes(22)).HasValues);
    }
}

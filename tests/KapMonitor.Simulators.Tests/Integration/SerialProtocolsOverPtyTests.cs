using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Transport;
using KapMonitor.Simulators.Devices;
using Xunit.Abstractions;

namespace KapMonitor.Simulators.Tests.Integration;

/// <summary>
/// End to end over the real transport: each simulated serial device writes into a pty, and the service's own
/// pieces (SerialByteChannel on the slave, DeviceLink, the protocol built from the device profile) decode it.
/// Unit tests prove decoders on byte arrays; these prove the bytes survive the kernel tty layer (raw mode,
/// parity settings, reads split anywhere), that command-driven devices get their commands, and that a pulled
/// cable is noticed and recovered from.
/// </summary>
public sealed class SerialProtocolsOverPtyTests(ITestOutputHelper output)
{
    // Devices sample, average and hold values, and the link stamps arrival, which can lag on a loaded machine
    // at 20x speed: compare with what the model showed over the preceding half minute of session time.
    private static readonly TimeSpan s_modelWindow = TimeSpan.FromSeconds(30);
    private static readonly byte[] s_contecStartRealtime = [0x7D, 0x81, 0xA1];

    public static TheoryData<string> SerialProtocolIds => [.. SimulatedDeviceFactory.ProtocolIds];

    [Theory]
    [MemberData(nameof(SerialProtocolIds))]
    public async Task Simulated_device_is_decoded_by_its_protocol_through_a_real_pty(string protocolId)
    {
        await using var rig = new PtyProtocolRig(protocolId, output);
        rig.Start();
        if (protocolId == "suntech-advantage")
        {
            // A cuff only speaks when asked: its path is the command/response cycle.
            await RunNibpCycle(rig);
            rig.AssertNoErrorLogs();
            return;
        }

        await rig.WaitUntil(() => rig.ValidCount(Metric.Spo2) > 0 && rig.ValidCount(Metric.PulseRate) > 0, "valid SpO2 and pulse rate arrive");
        var first = Math.Min(rig.Recorder.FirstSequenceOf(Metric.Spo2)!.Value, rig.Recorder.FirstSequenceOf(Metric.PulseRate)!.Value);

        // DF13 sends one record per 10 s of device time; the streaming formats send at least one reading per second.
        var wanted = protocolId == "nonin-df13" ? 3 : 10;
        await rig.WaitUntil(
            () => rig.ValidCount(Metric.Spo2, first) >= wanted && rig.ValidCount(Metric.PulseRate, first) >= wanted,
            $"{wanted} more readings arrive");

        AssertPlausibleAndModelled(rig, rig.Recorder.Observations());

        // Junk before the first frame (the tail of a frame buffered before the port opened) is fine; after it, none.
        Assert.Empty(rig.Recorder.Errors(first));
        Assert.DoesNotContain(rig.Recorder.Statuses(first), s => s.Status.Condition == DeviceCondition.Disconnected);
        Assert.Equal(1, rig.Link.Counters.Connects);
        rig.AssertNoErrorLogs();
    }

    [Theory]
    [InlineData("nonin-df2")]
    [InlineData("masimo-ascii")]
    [InlineData("contec-v7")]
    public async Task Unplug_mid_frame_is_reported_and_replug_resumes_the_stream(string protocolId)
    {
        await using var rig = new PtyProtocolRig(protocolId, output);
        rig.Start();
        await rig.WaitUntil(() => rig.ValidCount(Metric.Spo2) >= 3 && rig.ValidCount(Metric.PulseRate) >= 3, "the stream is up");

        // Pull the cable in the middle of a frame, once the start of that frame has reached the service.
        var beforeCut = rig.Recorder.Sequence;
        rig.Cable.CutNextWrite();
        await rig.WaitUntil(() => rig.Cable.Frozen, "a write is cut");
        await WaitForQuietLine(rig);
        rig.Cable.SetAttached(false);

        await rig.WaitUntil(() => rig.StatusSequence(DeviceCondition.Disconnected, true, beforeCut) is not null, "the link reports Disconnected");
        var down = rig.StatusSequence(DeviceCondition.Disconnected, true, beforeCut)!.Value;
        Assert.NotNull(rig.StatusSequence(DeviceCondition.Connected, false, beforeCut));

        // While unplugged the link keeps trying (and failing) to open the vanished port.
        var failuresBefore = rig.Link.Counters.OpenFailures;
        await rig.WaitUntil(() => rig.Link.Counters.OpenFailures >= failuresBefore + 2, "the link retries the vanished port");
        Assert.Empty(rig.Recorder.Observations(down));

        rig.Cable.SetAttached(true);
        await rig.WaitUntil(() => rig.StatusSequence(DeviceCondition.Connected, true, down) is not null, "the link reports Connected again");
        var up = rig.StatusSequence(DeviceCondition.Connected, true, down)!.Value;
        Assert.NotNull(rig.StatusSequence(DeviceCondition.Disconnected, false, down));
        Assert.Equal(0, rig.Recorder.ObservationCountBetween(down, up));

        await rig.WaitUntil(() => rig.ValidCount(Metric.Spo2, up) >= 3 && rig.ValidCount(Metric.PulseRate, up) >= 3, "readings resume after the replug");

        // The cut frame was counted as a protocol error, never decoded into a number.
        var resumed = Math.Min(rig.Recorder.FirstSequenceOf(Metric.Spo2, up)!.Value, rig.Recorder.FirstSequenceOf(Metric.PulseRate, up)!.Value);
        var cutErrors = rig.Recorder.Errors(beforeCut).Where(e => e.Sequence < resumed).ToList();
        output.WriteLine($"errors around the cut: {string.Join("; ", cutErrors.Select(e => $"{e.Error.Kind} {e.Error.ByteCount} B {e.Error.Detail}"))}");
        Assert.Contains(cutErrors, e => e.Error.Kind == ProtocolErrorKind.Truncated);
        AssertPlausibleAndModelled(rig, rig.Recorder.Observations());
        Assert.Equal(2, rig.Link.Counters.Connects);
        rig.AssertNoErrorLogs();
    }

    [Fact]
    public async Task SunTech_measurement_is_requested_and_reported_through_a_real_pty()
    {
        await using var rig = new PtyProtocolRig("suntech-advantage", output);
        rig.Start();
        await RunNibpCycle(rig);
        rig.AssertNoErrorLogs();
    }

    [Fact]
    public async Task Contec_v7_streams_only_after_the_start_command_and_keeps_streaming_on_keep_alives()
    {
        await using var rig = new PtyProtocolRig("contec-v7", output);
        rig.StartSimulator();

        // Two device seconds with nobody on the line: a V7 device stays silent until told to start.
        await rig.WaitUntil(() => rig.SimulatorElapsed >= TimeSpan.FromSeconds(2), "the simulator runs for 2 s");
        Assert.Equal(0, rig.Cable.BytesToHost);

        rig.StartLink();
        await rig.WaitUntil(() => rig.ValidCount(Metric.Spo2) > 0, "readings arrive after the host's start command");
        Assert.Equal(0, rig.Cable.BytesToHostBeforeFirstCommand);
        Assert.True(rig.Cable.FirstCommand.AsSpan().StartsWith(s_contecStartRealtime), $"first host bytes were {Convert.ToHexString(rig.Cable.FirstCommand)}");

        // The device stops after 8 s without a keep-alive; the protocol sends one every 4 s.
        var firstAt = rig.SessionTimeOf(rig.Recorder.Observations().First(o => o.Metric == Metric.Spo2 && o.IsValid));
        var limit = firstAt + ContecV7OximeterDevice.KeepAliveTimeout + TimeSpan.FromSeconds(4);
        await rig.WaitUntil(
            () => rig.Recorder.Observations().Any(o => o.Metric == Metric.Spo2 && o.IsValid && rig.SessionTimeOf(o) > limit),
            $"readings still arrive {limit.TotalSeconds:0} s into the session");

        var written = rig.Link.Counters.BytesWritten;
        Assert.True(written >= 9 + 2, $"only {written} bytes went to the device: no keep-alives after the start command");
        Assert.Empty(rig.Recorder.Errors(rig.Recorder.FirstSequenceOf(Metric.Spo2)!.Value));
        AssertPlausibleAndModelled(rig, rig.Recorder.Observations());
        Assert.Equal(1, rig.Link.Counters.Connects);
        rig.AssertNoErrorLogs();
    }

    private static async Task RunNibpCycle(PtyProtocolRig rig)
    {
        await rig.WaitUntil(() => rig.Link.State == DeviceLinkState.Connected, "the cuff's port is open");
        var before = rig.Recorder.Sequence;
        await rig.Link.RequestAsync(DeviceRequest.StartMeasurement);

        await rig.WaitUntil(() => AnyStatus(rig, DeviceCondition.NibpCycleCompleted, before) is not null, "the NIBP cycle completes");
        var started = AnyStatus(rig, DeviceCondition.NibpCycleStarted, before);
        var completed = AnyStatus(rig, DeviceCondition.NibpCycleCompleted, before)!.Value;
        Assert.NotNull(started);
        Assert.Null(AnyStatus(rig, DeviceCondition.NibpFailed, before));

        var cuff = rig.Recorder.FirstSequenceOf(Metric.CuffPressure, before);
        Assert.NotNull(cuff);
        Assert.True(started < cuff, "cuff pressure arrived before the cycle started");
        Assert.All(rig.Recorder.Observations(before).Where(o => o.Metric == Metric.CuffPressure && o.IsValid), o => Assert.InRange(o.Value, 0, 300));

        await rig.WaitUntil(
            () => new[] { Metric.Systolic, Metric.Diastolic, Metric.MeanArterial, Metric.HeartRate }.All(m => rig.ValidCount(m, before) > 0),
            "the result arrives");
        var result = ((SunTechCuffDevice)rig.Device).Nibp.Current!.Result;
        Assert.True(result.Succeeded, $"the simulated cycle failed ({result.Fault})");
        var observations = rig.Recorder.Observations(before);
        Assert.Equal(result.Systolic, Single(observations, Metric.Systolic).Value);
        Assert.Equal(result.Diastolic, Single(observations, Metric.Diastolic).Value);
        Assert.Equal(result.MeanArterial, Single(observations, Metric.MeanArterial).Value);
        Assert.Equal(result.HeartRate, Single(observations, Metric.HeartRate).Value);
        Assert.True(cuff < rig.Recorder.FirstSequenceOf(Metric.Systolic, before), "the result came before any cuff pressure");
        Assert.True(started < completed);
        Assert.InRange(result.Systolic, 70, 250);
        Assert.InRange(result.Diastolic, 30, result.MeanArterial);
        Assert.InRange(result.MeanArterial, result.Diastolic, result.Systolic);
        Assert.Empty(rig.Recorder.Errors(before));
    }

    private static Observation Single(List<Observation> observations, Metric metric) =>
        Assert.Single(observations, o => o.Metric == metric && o.IsValid);

    private static long? AnyStatus(PtyProtocolRig rig, DeviceCondition condition, long after) =>
        rig.Recorder.Statuses(after).Where(s => s.Status.Condition == condition).Select(s => (long?)s.Sequence).FirstOrDefault();

    private static void AssertPlausibleAndModelled(PtyProtocolRig rig, List<Observation> observations)
    {
        foreach (var o in observations.Where(o => o.IsValid))
        {
            Assert.Equal(PtyProtocolRig.DeviceId, o.DeviceId);
            switch (o.Metric)
            {
                case Metric.Spo2:
                    Assert.InRange(o.Value, 50, 100);
                    rig.AssertMatchesModel(o, s_modelWindow, 1);
                    break;
                case Metric.PulseRate:
                    Assert.InRange(o.Value, 25, 250);
                    rig.AssertMatchesModel(o, s_modelWindow, 2);
                    break;
                case Metric.PerfusionIndex:
                    Assert.InRange(o.Value, 0, 30);
                    break;
            }
        }
    }

    /// <summary>Waits until the service has read every byte that reached the line (the count is stable for 10 polls).</summary>
    private static async Task WaitForQuietLine(PtyProtocolRig rig)
    {
        var last = -1L;
        var stable = 0;
        await rig.WaitUntil(
            () =>
            {
                var read = rig.Link.Counters.BytesRead;
                stable = read == last ? stable + 1 : 0;
                last = read;
                return stable >= 10;
            },
            "the cut frame is read");
    }
}

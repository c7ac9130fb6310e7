using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Tests.Clinical;

/// <summary>Whole sessions following the expected physiology (see docs/clinical-engine.md, Sources).</summary>
public class SessionScenarioTests
{
    [Fact]
    public void Esketamine_responder_medium_then_confirmed_high_and_not_ready_until_bp_settles()
    {
        var s = new Scenario(Profiles.Esketamine).Start().NormalBaseline(1, 130, 80);
        s.Dose(5);

        // Peak about 40 min after the first device: +42 systolic, then >= 180 twice.
        s.Until(43).Bp(43, 172, 92);
        Assert.Empty(s.Of<AlarmRaised>());
        s.Until(45).Bp(45, 182, 96);
        var medium = s.Raised("sbp-rise").Single();
        Assert.Equal(AlarmPriority.Medium, medium.Alarm.Priority);
        Assert.Equal(170, medium.Alarm.Limit);
        Assert.Empty(s.Raised("sbp-high"));
        s.Until(47).Bp(47, 186, 98);
        var high = s.Raised("sbp-high").Single();
        Assert.Equal(AlarmPriority.High, high.Alarm.Priority);
        Assert.Equal(2, s.Of<MeasurementDue>().Count(d => d.Kind == MeasurementKind.Repeat));
        Assert.Contains(s.Of<AlarmEscalated>(), e => e.AlarmId == medium.Alarm.Id);

        // Settling: back to the pre-dose range by about 90 min.
        s.Until(60).Bp(60, 150, 88);
        Assert.Contains(s.Of<AlarmCleared>(), c => c.AlarmId == medium.Alarm.Id);
        Assert.Contains(s.Of<AlarmConditionChanged>(), c => c.AlarmId == high.Alarm.Id && c.State == AlarmState.Latched);
        s.Until(75).Bp(75, 140, 85);
        s.Until(100).Bp(100, 135, 82);
        s.Until(110);
        s.Command(new Attest(s.Clock, "th-1", "sedation-dissociation-resolved"));
        s.Command(new Attest(s.Clock, "th-1", "transport-arranged"));
        s.Until(115).Bp(115, 132, 80);
        s.Until(126);

        var readiness = s.Engine.Snapshot().Discharge!;
        Assert.False(readiness.Ready);
        Assert.Equal([high.Alarm.Id], readiness.BlockingAlarms);
        Assert.All(readiness.Criteria.Where(c => c.Id != "alarms"), c => Assert.True(c.Met, c.Id + ": " + c.Detail));

        s.Command(new AcknowledgeAlarm(s.Clock, "th-1"));

        Assert.True(s.Ready);
        var changed = s.Of<DischargeReadinessChanged>().Last();
        Assert.True(changed.Readiness.Ready);
        Assert.Equal(130, changed.Readiness.Baseline!.Value.Systolic);
        Assert.Equal([132.0, 135.0], changed.Readiness.ReadingsUsed.Select(r => r.Systolic));
        Assert.True(changed.Readiness.MinutesSinceAnchor >= 120);
    }

    [Fact]
    public void Esketamine_is_not_ready_while_bp_is_still_rising_or_outside_twenty_percent()
    {
        var s = new Scenario(Profiles.Esketamine).Start().NormalBaseline(1, 120, 78);
        s.Dose(5);
        s.Until(100).Bp(100, 140, 85);
        s.Until(115).Bp(115, 146, 86);
        s.Command(new Attest(s.Clock, "th-1", "sedation-dissociation-resolved"));
        s.Command(new Attest(s.Clock, "th-1", "transport-arranged"));
        s.Until(126);

        var bp = s.Engine.Snapshot().Discharge!.Criteria.Single(c => c.Id == "bp");
        Assert.False(bp.Met);
        Assert.StartsWith("a reading is more than 20% from baseline", bp.Detail, StringComparison.Ordinal);
        Assert.Contains("baseline 120/78", bp.Detail, StringComparison.Ordinal);

        s.Until(130).Bp(130, 130, 80);
        s.Until(132);
        Assert.False(s.Ready); // 146 -> 130 within 20% but the reading before (146) is not: two readings needed
        s.Until(141).Bp(141, 128, 79);
        s.Until(142);
        Assert.True(s.Ready);
    }

    [Fact]
    public void Kap_lozenge_normal_session_is_ready_no_earlier_than_the_profile_minimum()
    {
        var s = new Scenario(Profiles.Kap).Start().NormalBaseline(1);
        s.Dose(2);
        foreach (var minute in new double[] { 17, 32, 47, 62, 92, 112 })
        {
            s.Until(minute).Bp(minute, 124, 80, 75);
        }

        s.Command(new Attest(s.Clock, "th-1", "oriented-x3"));
        s.Command(new Attest(s.Clock, "th-1", "steady-gait"));
        s.Until(121.9);
        Assert.False(s.Ready);
        Assert.Empty(s.Of<AlarmRaised>());

        s.Until(122.1);

        var ready = s.Of<DischargeReadinessChanged>().First(d => d.Readiness.Ready);
        Assert.True(ready.At >= Scenario.At(122));
        Assert.True(ready.Readiness.MinutesSinceAnchor >= 120);
        Assert.Empty(ready.Readiness.PendingAttestations);

        s.Command(new SignOffDischarge(s.Clock, "th-1"));
        var cleared = s.Of<DischargeCleared>().Single();
        Assert.False(cleared.Override);
        Assert.True(cleared.Evidence.Ready);
    }

    [Fact]
    public void Signing_off_a_not_ready_session_needs_a_reason_and_is_flagged_as_override()
    {
        var s = new Scenario(Profiles.Kap).Start().NormalBaseline(1);
        s.Dose(2);
        s.Until(30);

        s.Command(new SignOffDischarge(s.Clock, "th-1"));
        Assert.Contains("override reason", s.Of<CommandRejected>().Single().Reason, StringComparison.Ordinal);

        s.Command(new SignOffDischarge(s.Clock, "th-1", "patient leaving against advice; escorted"));
        var cleared = s.Of<DischargeCleared>().Single();
        Assert.True(cleared.Override);
        Assert.Equal("patient leaving against advice; escorted", cleared.OverrideReason);
        Assert.Contains(cleared.Evidence.Criteria, c => c.Id == "min-time" && !c.Met);
        Assert.True(s.Engine.Snapshot().DischargeOverride);
    }

    [Fact]
    public void Probe_off_raises_a_technical_alarm_and_no_spo2_physiological_alarm()
    {
        var s = new Scenario(Profiles.Kap).Start().NormalBaseline(1);
        s.Dose(2);
        s.Until(10);
        s.Status(Scenario.Oximeter, DeviceCondition.ProbeOff, true, 10);
        for (var i = 0; i < 60; i++)
        {
            var minute = 10 + (i / 60.0);
            s.Observe(Scenario.Oximeter, Metric.Spo2, double.NaN, minute, Validity.Invalid, ObservationFlags.ProbeOff);
            s.Observe(Scenario.Oximeter, Metric.Spo2, 62, minute, Validity.Questionable, ObservationFlags.Artifact);
        }

        var probeOff = s.Raised("probe-off:" + Scenario.Oximeter).Single();
        Assert.Equal(AlarmKind.Technical, probeOff.Alarm.Kind);
        Assert.Equal(AlarmPriority.Medium, probeOff.Alarm.Priority);
        Assert.True(probeOff.At >= Scenario.At(10.5));
        Assert.Empty(s.Physiological());
        Assert.Empty(s.Raised("no-data:spo2"));

        s.Observe(Scenario.Oximeter, Metric.Spo2, 97, 11.5);
        Assert.Contains(s.Of<AlarmCleared>(), c => c.AlarmId == probeOff.Alarm.Id);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Probe_off_reported_just_after_the_last_valid_reading_is_announced_as_probe_off_not_no_data(double lagSeconds)
    {
        // No-data and probe-off both wait 30 s in this profile; the probe-off report lags the last valid reading by a
        // fraction of a second, so the no-data deadline comes first whenever a whole second lies in between.
        var s = new Scenario(Profiles.Kap).Start().NormalBaseline(1);
        s.Dose(2);
        s.Until(10);
        var off = 10 + (lagSeconds / 60);
        s.Status(Scenario.Oximeter, DeviceCondition.ProbeOff, true, off);
        s.Observe(Scenario.Oximeter, Metric.Spo2, double.NaN, off, Validity.Invalid, ObservationFlags.ProbeOff);
        for (var second = 1; second <= 40; second++)
        {
            s.Tick(10 + (second / 60.0));
        }

        var probeOff = s.Raised("probe-off:" + Scenario.Oximeter).Single();
        Assert.Empty(s.Raised("no-data:spo2"));
        Assert.True(probeOff.At <= Scenario.At(10.5).AddSeconds(1), $"raised at {probeOff.At:HH:mm:ss.fff}, later than the no-data deadline");
    }

    [Fact]
    public void Spo2_is_questionable_while_the_cuff_inflates()
    {
        var s = new Scenario(Profiles.Kap).Start().NormalBaseline(1);
        s.Dose(2);
        s.Until(10);
        s.Status(Scenario.Cuff, DeviceCondition.NibpCycleStarted, true, 10);
        s.Oximetry(10, 10.5, 80);
        s.Status(Scenario.Cuff, DeviceCondition.NibpCycleCompleted, true, 10.5);
        s.Oximetry(10.5, 10.6, 97);
        s.Oximetry(10.6, 11, 80, flags: ObservationFlags.CuffInflating);
        Assert.Empty(s.Physiological());

        s.Oximetry(11, 11.5, 80);
        Assert.Single(s.Raised("spo2-low"));
        Assert.Single(s.Raised("spo2-critical"));
    }

    [Theory]
    [InlineData(Arm.Left, Arm.Right, false)]
    [InlineData(Arm.Right, Arm.Right, true)]
    [InlineData(null, Arm.Right, true)]
    [InlineData(Arm.Left, null, true)]
    public void Spo2_is_suppressed_during_a_cuff_cycle_unless_the_cuff_is_on_the_other_arm(Arm? oximeterArm, Arm? cuffArm, bool suppressed)
    {
        var arms = new Dictionary<string, Arm>();
        if (oximeterArm is { } o)
        {
            arms[Scenario.Oximeter] = o;
        }

        if (cuffArm is { } c)
        {
            arms[Scenario.Cuff] = c;
        }

        var s = new Scenario(Profiles.Kap).Start(arms: arms).NormalBaseline(1);
        s.Dose(2);
        s.Until(10);
        s.Status(Scenario.Cuff, DeviceCondition.NibpCycleStarted, true, 10);
        s.Oximetry(10, 10.5, 80);   // a real desaturation while the cuff measures
        Assert.Equal(suppressed ? 0 : 1, s.Raised("spo2-low").Count());
    }

    [Fact]
    public void With_two_cuffs_the_one_on_the_oximeters_arm_suppresses_spo2_until_its_own_cycle_ends()
    {
        const string LeftCuff = "room-1-cuff-left";
        var arms = new Dictionary<string, Arm> { [Scenario.Oximeter] = Arm.Left, [LeftCuff] = Arm.Left, [Scenario.Cuff] = Arm.Right };
        var s = new Scenario(Profiles.Kap).Start(arms: arms).NormalBaseline(1);
        s.Dose(2);
        s.Until(10);
        s.Status(LeftCuff, DeviceCondition.NibpCycleStarted, true, 10);
        s.Status(Scenario.Cuff, DeviceCondition.NibpCycleStarted, true, 10);
        s.Status(Scenario.Cuff, DeviceCondition.NibpCycleCompleted, true, 10);   // the other arm's cycle ends first
        s.Status(Scenario.Cuff, DeviceCondition.NibpCycleStarted, false, 10);    // and says so again: no cycle runs there
        s.Oximetry(10, 10.5, 80);
        Assert.Empty(s.Raised("spo2-low"));

        s.Status(LeftCuff, DeviceCondition.NibpCycleCompleted, true, 10.5);
        s.Oximetry(10.5, 11, 80);
        Assert.Single(s.Raised("spo2-low"));
    }

    [Fact]
    public void An_oximeter_that_flags_cuff_inflation_itself_is_suppressed_whatever_the_arms()
    {
        var arms = new Dictionary<string, Arm> { [Scenario.Oximeter] = Arm.Left, [Scenario.Cuff] = Arm.Right };
        var s = new Scenario(Profiles.Kap).Start(arms: arms).NormalBaseline(1);
        s.Dose(2);
        s.Until(10);
        s.Oximetry(10, 10.5, 80, flags: ObservationFlags.CuffInflating);
        Assert.Empty(s.Physiological());
    }

    [Fact]
    public void A_cuff_cycle_longer_than_the_no_data_time_does_not_raise_no_data_for_spo2()
    {
        var s = new Scenario(Profiles.Kap).Start().NormalBaseline(1);
        s.Dose(2);
        s.Until(10);
        s.Status(Scenario.Cuff, DeviceCondition.NibpCycleStarted, true, 10);
        s.Oximetry(10, 10.75, 97);   // 45 s of suppressed SpO2, longer than the 30 s no-data limit
        s.Status(Scenario.Cuff, DeviceCondition.NibpCycleCompleted, true, 10.75);
        s.Tick(10.76);
        Assert.Empty(s.Raised("no-data:spo2"));

        s.Tick(11.5);                // the oximeter really stops: that is still caught
        Assert.Single(s.Raised("no-data:spo2"));
    }

    [Fact]
    public void Technical_alarms_for_no_data_disconnection_and_repeated_nibp_failure()
    {
        var s = new Scenario(Profiles.Kap).Start().NormalBaseline(1);
        s.Dose(2);
        s.Until(10);
        s.Tick(10.4);
        Assert.Empty(s.Raised("no-data:spo2"));
        s.Tick(10.55);
        Assert.Single(s.Raised("no-data:spo2"));

        s.Status(Scenario.Cuff, DeviceCondition.Disconnected, true, 11);
        Assert.Equal(AlarmKind.Technical, s.Raised("disconnected:" + Scenario.Cuff).Single().Alarm.Kind);
        s.Status(Scenario.Cuff, DeviceCondition.Connected, true, 11.2);

        s.Status(Scenario.Cuff, DeviceCondition.NibpFailed, true, 12);
        s.Observe(Scenario.Cuff, Metric.Systolic, double.NaN, 12, Validity.Invalid, ObservationFlags.NibpError); // same failure
        Assert.Empty(s.Raised("nibp-failed"));
        s.Status(Scenario.Cuff, DeviceCondition.NibpFailed, true, 13);
        Assert.Single(s.Raised("nibp-failed"));

        s.Oximetry(13, 14, 97).Bp(14, 120, 78);
        var cleared = s.Of<AlarmCleared>().Select(c => c.AlarmId).ToList();
        Assert.Contains("no-data:spo2#1", cleared);
        Assert.Contains("disconnected:" + Scenario.Cuff + "#1", cleared);
        Assert.Contains("nibp-failed#1", cleared);
        Assert.Empty(s.Engine.Snapshot().Alarms);
    }
}

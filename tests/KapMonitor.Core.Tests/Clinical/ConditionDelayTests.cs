using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Tests.Clinical;

/// <summary>Each rule type of the shipped profiles: persistence, repeat-reading confirmation, SatSeconds, relative limits.</summary>
public class ConditionDelayTests
{
    private static Scenario Dosed(Core.Clinical.Profiles.ProtocolProfile profile, double systolic = 120, double diastolic = 78)
    {
        var s = new Scenario(profile).Start().NormalBaseline(1, systolic, diastolic);
        s.Dose(2);
        return s.Until(10);
    }

    private static void Spo2Seconds(Scenario s, double fromMinute, int seconds, double value)
    {
        for (var i = 0; i < seconds; i++)
        {
            s.Observe(Scenario.Oximeter, Metric.Spo2, value, fromMinute + (i / 60.0));
        }
    }

    [Fact]
    public void Persistence_needs_the_full_delay_of_valid_violating_values()
    {
        var s = Dosed(Profiles.Esketamine);
        Spo2Seconds(s, 10, 15, 91); // samples at 0..14 s: 14 s of violation
        Spo2Seconds(s, 10.25, 5, 95);
        Assert.Empty(s.Raised("spo2-low"));

        Spo2Seconds(s, 11, 16, 91); // 0..15 s
        var raised = s.Raised("spo2-low").Single();
        Assert.Equal(Scenario.At(11) + TimeSpan.FromSeconds(15), raised.At);
        Assert.Equal(91, raised.Alarm.Value);
        Assert.Equal(91, raised.Alarm.Limit);
    }

    [Fact]
    public void Persistence_restarts_after_an_invalid_gap()
    {
        var s = Dosed(Profiles.Esketamine);
        Spo2Seconds(s, 10, 10, 90);
        s.Observe(Scenario.Oximeter, Metric.Spo2, double.NaN, 10 + (10 / 60.0), Validity.Invalid, ObservationFlags.Artifact);
        Spo2Seconds(s, 10 + (11 / 60.0), 10, 90);

        Assert.Empty(s.Raised("spo2-low"));
    }

    [Fact]
    public void Clearing_needs_hysteresis_and_clear_time()
    {
        var s = Dosed(Profiles.Esketamine);
        Spo2Seconds(s, 10, 20, 90);
        var id = s.Raised("spo2-low").Single().Alarm.Id;

        Spo2Seconds(s, 10.5, 30, 92); // limit 91 + hysteresis 1: 92 is not back in range
        Assert.DoesNotContain(s.Of<AlarmCleared>(), c => c.AlarmId == id);

        Spo2Seconds(s, 11, 10, 93); // 0..9 s back in range
        Assert.DoesNotContain(s.Of<AlarmCleared>(), c => c.AlarmId == id);
        Spo2Seconds(s, 11 + (10 / 60.0), 1, 93); // 10 s
        Assert.Contains(s.Of<AlarmCleared>(), c => c.AlarmId == id);
    }

    [Fact]
    public void Nibp_alarms_are_confirmed_by_a_repeat_reading_within_the_window()
    {
        var s = Dosed(Profiles.Esketamine);
        s.Until(20).Bp(20, 185, 80);
        Assert.Empty(s.Raised("sbp-high"));
        var repeat = s.Of<MeasurementDue>().Single(d => d.Kind == MeasurementKind.Repeat);
        Assert.Equal(Scenario.At(20), repeat.DueAt);

        s.Until(22).Bp(22, 170, 80); // not confirmed: pending dropped
        s.Until(24).Bp(24, 185, 80); // new first violation
        Assert.Empty(s.Raised("sbp-high"));

        s.Until(28).Bp(28, 185, 80); // outside the 180 s window: still only a first violation
        Assert.Empty(s.Raised("sbp-high"));

        s.Until(30).Bp(30, 182, 80);
        var raised = s.Raised("sbp-high").Single();
        Assert.Equal(AlarmPriority.High, raised.Alarm.Priority);
        Assert.Equal(182, raised.Alarm.Value);
    }

    [Fact]
    public void Baseline_relative_limits_use_the_baseline_frozen_at_the_dose()
    {
        var s = Dosed(Profiles.Kap, 100, 70);
        s.Until(20).Bp(20, 141, 80);
        s.Until(22).Bp(22, 141, 80);

        var raised = s.Raised("sbp-rise").Single();
        Assert.Equal(140, raised.Alarm.Limit);
        Assert.Empty(s.Raised("dbp-rise"));
    }

    [Fact]
    public void SatSeconds_integrates_depth_times_duration()
    {
        var s = Dosed(Profiles.Iv);
        Spo2Seconds(s, 10, 50, 88); // 2 points below 90 for 49 s = 98
        Assert.Empty(s.Raised("spo2-low"));

        Spo2Seconds(s, 10 + (50 / 60.0), 1, 88); // 100
        Assert.Single(s.Raised("spo2-low"));

        var deep = Dosed(Profiles.Iv);
        Spo2Seconds(deep, 10, 12, 86); // 4 below: 100 reached after 25 s; the 85% high rule is not met
        Assert.Empty(deep.Raised("spo2-low"));
        Spo2Seconds(deep, 10.2, 14, 86);
        Assert.Single(deep.Raised("spo2-low"));
    }

    [Fact]
    public void The_iv_profile_suggests_pausing_the_infusion_on_confirmed_severe_hypertension()
    {
        var s = Dosed(Profiles.Iv);
        s.Until(20).Bp(20, 181, 90);
        s.Until(22).Bp(22, 183, 92);

        Assert.Equal("consider pausing infusion", s.Raised("sbp-high").Single().Alarm.ActionHint);
    }
}

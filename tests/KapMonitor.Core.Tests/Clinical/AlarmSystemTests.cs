using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Tests.Clinical;

/// <summary>Latching, acknowledge, audio pause, break-through, escalation (IEC 60601-1-8 semantics).</summary>
public class AlarmSystemTests
{
    // Immediate rules so the tests are about the alarm system, not the condition delays.
    private static readonly ProtocolProfile s_profile = Profiles.Kap with
    {
        Alarms = Profiles.Kap.Alarms with
        {
            Rules =
            [
                new AlarmRule { Id = "spo2-low", Metric = Metric.Spo2, Priority = AlarmPriority.Medium, Comparison = AlarmComparison.AtOrBelow, Limit = 90 },
                new AlarmRule { Id = "spo2-critical", Metric = Metric.Spo2, Priority = AlarmPriority.High, Comparison = AlarmComparison.AtOrBelow, Limit = 80 },
                new AlarmRule { Id = "hr-high", Metric = Metric.PulseRate, Priority = AlarmPriority.Medium, Comparison = AlarmComparison.AtOrAbove, Limit = 130 },
            ],
        },
        Technical = new TechnicalAlarmSettings(),
    };

    private static Scenario Dosed()
    {
        var s = new Scenario(s_profile).Start().NormalBaseline(1);
        s.Dose(2);
        return s;
    }

    private static void Spo2(Scenario s, double value, double minute) => s.Observe(Scenario.Oximeter, Metric.Spo2, value, minute);

    [Fact]
    public void High_priority_latches_until_acknowledged_medium_clears_by_itself()
    {
        var s = Dosed();
        Spo2(s, 75, 10);
        var high = s.Raised("spo2-critical").Single().Alarm;
        var medium = s.Raised("spo2-low").Single().Alarm;
        Assert.Equal(AlarmPriority.High, high.Priority);

        Spo2(s, 97, 10.1);

        Assert.Contains(s.Of<AlarmCleared>(), c => c.AlarmId == medium.Id);
        var latched = s.Of<AlarmConditionChanged>().Single();
        Assert.Equal((high.Id, AlarmState.Latched), (latched.AlarmId, latched.State));
        Assert.Equal(AlarmState.Latched, s.Engine.Snapshot().Alarms.Single().State);

        s.Command(new AcknowledgeAlarm(Scenario.At(10.2), "th-1", high.Id));

        Assert.Equal("th-1", s.Of<AlarmAcknowledged>().Single().By);
        Assert.Contains(s.Of<AlarmCleared>(), c => c.AlarmId == high.Id);
        Assert.Empty(s.Engine.Snapshot().Alarms);
    }

    [Fact]
    public void A_latched_alarm_whose_condition_returns_is_active_again_and_a_removed_rule_can_raise_anew()
    {
        var s = Dosed();
        Spo2(s, 75, 10);
        Spo2(s, 97, 10.1);
        Spo2(s, 78, 10.2);
        Assert.True(s.Of<AlarmConditionChanged>().Last().ConditionActive);
        Assert.Single(s.Raised("spo2-critical"));

        s.Command(new AcknowledgeAlarm(Scenario.At(10.3), "th-1"));
        Spo2(s, 97, 10.4);
        Spo2(s, 70, 10.5);

        Assert.Equal(["spo2-critical#1", "spo2-critical#2"], s.Raised("spo2-critical").Select(a => a.Alarm.Id));
    }

    [Fact]
    public void Acknowledging_an_active_alarm_silences_it_until_the_condition_ends_and_stops_escalation()
    {
        var s = Dosed();
        Spo2(s, 88, 10);
        s.Command(new AcknowledgeAlarm(Scenario.At(10.5), "th-1"));
        Spo2(s, 88, 11);
        s.Tick(14);

        Assert.Equal(AlarmState.Acknowledged, s.Engine.Snapshot().Alarms.Single().State);
        Assert.Empty(s.Of<AlarmEscalated>());

        Spo2(s, 95, 14.1);
        Assert.Single(s.Of<AlarmCleared>());
    }

    [Fact]
    public void An_unacknowledged_medium_alarm_escalates_to_the_prescriber_after_two_minutes()
    {
        var s = Dosed();
        Spo2(s, 88, 10);
        s.Tick(11.9);
        Assert.Empty(s.Of<AlarmEscalated>());

        s.Tick(12);

        var escalated = s.Of<AlarmEscalated>().Single();
        Assert.True(escalated.NotifyPrescriber);
        Assert.Equal("dr-rx", escalated.PrescriberId);
        Assert.Equal(AlarmPriority.Medium, escalated.Priority);
        Assert.True(s.Engine.Snapshot().Alarms.Single().Escalated);
    }

    [Fact]
    public void Audio_pause_silences_new_equal_priority_alarms_and_a_higher_priority_breaks_through()
    {
        var s = Dosed();
        Spo2(s, 88, 10);
        s.Command(new PauseAudio(Scenario.At(10.1), "th-1"));
        Assert.Equal(Scenario.At(10.1) + TimeSpan.FromMinutes(2), s.Of<AlarmAudioPaused>().Single().Until);

        s.Observe(Scenario.Oximeter, Metric.PulseRate, 135, 10.2);
        Assert.False(s.Raised("hr-high").Single().Audible);

        Spo2(s, 75, 10.3);

        var resound = s.Of<AlarmAudioResounded>().Single();
        Assert.Equal("break-through", resound.Reason);
        Assert.True(s.Raised("spo2-critical").Single().Audible);
        Assert.Null(s.Engine.Snapshot().AudioPausedUntil);
    }

    [Fact]
    public void A_pre_emptive_pause_holds_medium_alarms_but_not_high_ones()
    {
        var s = Dosed();
        s.Command(new PauseAudio(Scenario.At(10), "th-1"));
        Spo2(s, 88, 10.1);
        Assert.False(s.Raised("spo2-low").Single().Audible);

        Spo2(s, 79, 10.2);
        Assert.True(s.Raised("spo2-critical").Single().Audible);
        Assert.Equal("break-through", s.Of<AlarmAudioResounded>().Single().Reason);
    }

    [Fact]
    public void Audio_resounds_when_the_pause_expires_with_the_alarm_still_unacknowledged()
    {
        var s = Dosed();
        Spo2(s, 88, 10);
        s.Command(new PauseAudio(Scenario.At(10.1), "th-1"));
        s.Tick(12);
        Assert.Empty(s.Of<AlarmAudioResounded>());

        s.Tick(12.1);

        var resound = s.Of<AlarmAudioResounded>().Single();
        Assert.Equal("pause-expired", resound.Reason);
        Assert.Equal("spo2-low#1", resound.AlarmId);
    }

    [Fact]
    public void Acknowledging_with_nothing_to_acknowledge_is_rejected()
    {
        var s = Dosed();
        s.Command(new AcknowledgeAlarm(Scenario.At(3), "th-1", "nope#1"));

        Assert.Single(s.Of<CommandRejected>());
    }

    [Fact]
    public void Invalid_questionable_memory_and_demo_values_never_raise_physiological_alarms()
    {
        var s = Dosed();
        s.Observe(Scenario.Oximeter, Metric.Spo2, 60, 10, Validity.Questionable, ObservationFlags.Artifact);
        s.Observe(Scenario.Oximeter, Metric.Spo2, 0, 10.1, Validity.Invalid, ObservationFlags.NotANumber);
        s.Observe(Scenario.Oximeter, Metric.PulseRate, 200, 10.2, Validity.Questionable, ObservationFlags.LowPerfusion);
        s.Observe(Scenario.Oximeter, Metric.Spo2, 70, 10.3, Validity.Valid, ObservationFlags.FromMemory);
        s.Observe(Scenario.Oximeter, Metric.Spo2, 70, 10.4, Validity.Valid, ObservationFlags.DemoData);

        Assert.Empty(s.Physiological());
    }
}

using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;

namespace KapMonitor.Core.Tests.Clinical;

public class ScheduleTests
{
    [Fact]
    public void Kap_bp_is_due_every_15_minutes_then_every_30_and_overdue_raises_a_technical_alarm()
    {
        var s = new Scenario(Profiles.Kap, cuffAcceptsCommands: false).Start().NormalBaseline(1);
        s.Dose(2);
        Assert.Equal(Scenario.At(17), s.Engine.NextMeasurementDue);

        s.Until(16.9);
        Assert.DoesNotContain(s.Of<MeasurementDue>(), d => d.Kind == MeasurementKind.Periodic);
        s.Until(17.1);
        var due = s.Of<MeasurementDue>().Single(d => d.Kind == MeasurementKind.Periodic);
        Assert.Equal(Scenario.At(17), due.DueAt);
        Assert.Equal(MeasurementHint.PromptTherapist, due.Hint);

        s.Until(22.1);
        var overdue = s.Raised("bp-overdue").Single();
        Assert.Equal(Core.Clinical.Alarms.AlarmKind.Technical, overdue.Alarm.Kind);

        s.Bp(23, 122, 80);
        Assert.Contains(s.Of<AlarmCleared>(), c => c.AlarmId == overdue.Alarm.Id);
        Assert.Equal(Scenario.At(38), s.Engine.NextMeasurementDue);

        s.Until(53).Bp(53, 122, 80);
        Assert.Equal(Scenario.At(62), s.Engine.NextMeasurementDue); // phase 1 ends at 60 min after the dose
        s.Until(62).Bp(62, 122, 80);
        Assert.Equal(Scenario.At(92), s.Engine.NextMeasurementDue);
    }

    [Fact]
    public void Esketamine_has_a_mandatory_reading_at_40_plus_minus_5_minutes_then_tighter_while_high()
    {
        var s = new Scenario(Profiles.Esketamine).Start().NormalBaseline(1);
        s.Dose(5);
        Assert.Equal(Scenario.At(40), s.Engine.NextMeasurementDue);

        s.Until(40.1);
        var due = s.Of<MeasurementDue>().Single(d => d.Kind == MeasurementKind.Fixed);
        Assert.Equal("rems-40min", due.Label);
        Assert.Equal(MeasurementHint.CommandCuff, due.Hint);
        s.Until(49.9);
        Assert.Empty(s.Raised("bp-overdue"));
        s.Until(50.1);
        Assert.Single(s.Raised("bp-overdue"));

        s.Bp(51, 145, 88); // above the gate limits: every 15 min instead of 25
        Assert.Equal(Scenario.At(66), s.Engine.NextMeasurementDue);
        s.Until(66).Bp(66, 130, 80);
        Assert.Equal(Scenario.At(91), s.Engine.NextMeasurementDue);
    }

    [Fact]
    public void Iv_bp_is_every_10_minutes_during_the_infusion_and_15_after()
    {
        var s = new Scenario(Profiles.Iv).Start().NormalBaseline(1);
        s.Dose(2);
        Assert.Equal(Scenario.At(12), s.Engine.NextMeasurementDue);
        s.Until(12).Bp(12, 125, 80);
        Assert.Equal(Scenario.At(22), s.Engine.NextMeasurementDue);

        s.Until(22).Bp(22, 125, 80);
        s.Until(32).Bp(32, 125, 80);
        s.Until(42).Bp(42, 125, 80);
        s.Command(new EndInfusion(s.Clock, "nurse-1"));
        Assert.Equal(Scenario.At(57), s.Engine.NextMeasurementDue);
        Assert.Single(s.Of<InfusionEnded>());
    }

    [Fact]
    public void A_fresh_reading_is_asked_for_before_discharge_and_nothing_is_due_after_sign_off()
    {
        var s = new Scenario(Profiles.Esketamine).Start().NormalBaseline(1);
        s.Dose(5);
        foreach (var minute in new double[] { 40, 65, 90, 105 })
        {
            s.Until(minute).Bp(minute, 122, 79);
        }

        s.Command(new Attest(s.Clock, "th-1", "sedation-dissociation-resolved"));
        s.Command(new Attest(s.Clock, "th-1", "transport-arranged"));
        s.Until(126);

        Assert.False(s.Ready);
        Assert.Single(s.Of<MeasurementDue>(), d => d.Kind == MeasurementKind.PreDischarge);
        s.Bp(126, 121, 78);
        s.Until(127);
        Assert.True(s.Ready);

        s.Command(new SignOffDischarge(s.Clock, "th-1"));
        Assert.Null(s.Engine.NextMeasurementDue);
    }
}

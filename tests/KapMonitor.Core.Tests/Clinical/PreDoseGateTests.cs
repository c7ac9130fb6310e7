using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Clinical.Profiles;

namespace KapMonitor.Core.Tests.Clinical;

public class PreDoseGateTests
{
    [Fact]
    public void Start_asks_for_a_baseline_and_dosing_without_one_is_rejected()
    {
        var s = new Scenario(Profiles.Kap).Start();
        s.Dose(1);

        Assert.IsType<SessionStarted>(s.Decisions[0]);
        var due = Assert.IsType<MeasurementDue>(s.Decisions[1]);
        Assert.Equal(MeasurementKind.Baseline, due.Kind);
        Assert.Equal(MeasurementHint.CommandCuff, due.Hint);
        Assert.Equal(GateState.AwaitingBaseline, s.Of<GateChanged>().First().Gate.State);
        Assert.Single(s.Of<CommandRejected>());
        Assert.Empty(s.Of<DoseRecorded>());
        Assert.Equal(GateState.AwaitingBaseline, s.Gate);
    }

    [Fact]
    public void A_normal_baseline_clears_the_gate_and_the_dose_closes_it()
    {
        var s = new Scenario(Profiles.Kap).Start().NormalBaseline(1);
        Assert.Equal(GateState.Clear, s.Gate);

        s.Dose(2);

        var dose = Assert.Single(s.Of<DoseRecorded>());
        Assert.True(dose.IsFirst);
        Assert.Equal(GateState.Clear, dose.GateAtDose);
        var closed = s.Of<GateChanged>().Last().Gate;
        Assert.Equal(GateState.Closed, closed.State);
        Assert.Equal(120, closed.Baseline!.Value.Systolic);
        Assert.Equal(Scenario.At(1), s.Engine.Timeline.BaselineAt);
    }

    [Fact]
    public void White_coat_baseline_holds_dosing_until_a_prescriber_overrides_with_a_reason()
    {
        var s = new Scenario(Profiles.Esketamine).Start().NormalBaseline(1, 152, 94);
        s.Until(6).Bp(6, 148, 92);

        Assert.Equal(GateState.Held, s.Gate);
        var held = s.Of<GateChanged>().Last().Gate;
        Assert.Contains("systolic 148 > 140", held.Reasons);
        Assert.Contains("diastolic 92 > 90", held.Reasons);

        s.Dose(7);
        Assert.Contains("gate held", s.Of<CommandRejected>().Single().Reason, StringComparison.Ordinal);

        s.Command(new OverrideGate(Scenario.At(8), "dr-rx", " "));
        Assert.Equal(2, s.Of<CommandRejected>().Count());
        Assert.Equal(GateState.Held, s.Gate);

        s.Command(new OverrideGate(Scenario.At(9), "dr-rx", "known white-coat effect; home readings 125/80"));
        var overridden = s.Of<GateChanged>().Last().Gate;
        Assert.Equal(GateState.Overridden, overridden.State);
        Assert.Equal("dr-rx", overridden.OverriddenBy);

        s.Dose(10);
        Assert.Equal(GateState.Overridden, Assert.Single(s.Of<DoseRecorded>()).GateAtDose);
        Assert.False(s.Engine.BuildRemsRecord().VitalsAcceptableBeforeDosing);
    }

    [Theory]
    [InlineData(70, GateState.Clear)]
    [InlineData(65, GateState.Held)]
    [InlineData(null, GateState.Held)]
    public void Older_adults_get_the_higher_systolic_limit(int? age, GateState expected)
    {
        var s = new Scenario(Profiles.Esketamine, age).Start().NormalBaseline(1, 145, 85);

        Assert.Equal(expected, s.Gate);
    }

    [Fact]
    public void An_old_baseline_no_longer_opens_the_gate()
    {
        var s = new Scenario(Profiles.Kap).Start().NormalBaseline(1);
        s.Until(31.5);

        Assert.Equal(GateState.AwaitingBaseline, s.Gate);
        Assert.Equal(2, s.Of<MeasurementDue>().Count(d => d.Kind == MeasurementKind.Baseline));
        s.Dose(32);
        Assert.Empty(s.Of<DoseRecorded>());
    }

    [Fact]
    public void Low_spo2_holds_the_gate_and_a_missing_oximeter_keeps_it_awaiting()
    {
        var low = new Scenario(Profiles.Kap).Start();
        low.Oximetry(0, 1, 92).Bp(1, 120, 78);
        Assert.Equal(GateState.Held, low.Gate);

        var none = new Scenario(Profiles.Kap).Start().Bp(1, 120, 78);
        Assert.Equal(GateState.AwaitingBaseline, none.Gate);
        Assert.Contains("no valid SpO2 in the last 30 min", none.Engine.Snapshot().Gate.Reasons);
    }

    [Fact]
    public void A_session_pinned_to_another_profile_version_is_refused()
    {
        var v2 = Profiles.Kap.NewVersion("dr-rx", Scenario.T0);
        var log = new DecisionLog();
        var engine = new SessionEngine(v2, log);
        var s = new Scenario(Profiles.Kap);

        engine.Handle(new StartSession(Scenario.T0, s.Info));

        Assert.Contains("kap-sublingual@v1", Assert.IsType<CommandRejected>(Assert.Single(log.Decisions)).Reason, StringComparison.Ordinal);
        Assert.Equal(Core.Clinical.Sessions.SessionPhase.NotStarted, engine.Phase);
    }
}

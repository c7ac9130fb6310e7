using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Tests.Clinical;

public class LifecycleTests
{
    [Fact]
    public void Inputs_before_start_and_after_end_change_nothing()
    {
        var s = new Scenario(Profiles.Kap);
        s.Observe(Scenario.Oximeter, Metric.Spo2, 70, 0.5);
        s.Tick(0.6);
        Assert.Empty(s.Decisions);

        s.Start(1).NormalBaseline(2);
        s.Dose(3);
        s.Command(new EndSession(Scenario.At(4), "th-1"));
        var count = s.Decisions.Count;
        s.Observe(Scenario.Oximeter, Metric.Spo2, 70, 5);
        s.Tick(10);
        Assert.Equal(count, s.Decisions.Count);

        s.Command(new Attest(Scenario.At(11), "th-1", "oriented-x3"));
        Assert.Equal("the session has ended", s.Of<CommandRejected>().Single().Reason);
        Assert.Equal(SessionPhase.Ended, s.Engine.Phase);
        Assert.Equal(1, s.Of<SessionEnded>().Single().MinutesSinceFirstDose!.Value, 6);
    }

    [Fact]
    public void Decisions_serialise_with_type_sequence_and_instant_first()
    {
        var s = new Scenario(Profiles.Kap).Start();

        var json = System.Text.Encoding.UTF8.GetString(DecisionJson.Serialize(s.Decisions[1]));

        Assert.Equal(
            """{"type":"measurementDue","sequence":2,"at":"2026-03-02T09:00:00+00:00","kind":"baseline","label":"baseline","dueAt":"2026-03-02T09:00:00+00:00","hint":"commandCuff"}""",
            json);
    }

    [Fact]
    public void Unknown_attestation_items_are_rejected_with_the_allowed_ones()
    {
        var s = new Scenario(Profiles.Kap).Start().NormalBaseline(1);
        s.Dose(2);
        s.Command(new Attest(Scenario.At(3), "th-1", "feels-fine"));

        Assert.Equal("unknown attestation item 'feels-fine'; the profile asks for: oriented-x3, steady-gait", s.Of<CommandRejected>().Single().Reason);
    }
}

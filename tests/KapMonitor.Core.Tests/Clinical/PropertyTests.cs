using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Clinical.Sessions;

namespace KapMonitor.Core.Tests.Clinical;

/// <summary>Invariants over seeded random sessions (no FsCheck: a loop over seeds, the seed in every message).</summary>
public class PropertyTests
{
    private const int Seeds = 12;

    public static TheoryData<int> SeedData()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void Never_discharge_ready_while_a_high_alarm_is_active_or_latched(int seed)
    {
        var s = RandomSession.Generate(seed, afterEachInput: scenario =>
        {
            // Every readiness decision and every tick: ready implies no high alarm in any state.
            var last = scenario.Decisions.Count > 0 ? scenario.Decisions[^1] : null;
            if (last is DischargeReadinessChanged { Readiness.Ready: true } || scenario.Inputs[^1].Kind == EngineInputKind.Tick)
            {
                var snapshot = scenario.Engine.Snapshot();
                if (snapshot.Discharge is { Ready: true })
                {
                    Assert.True(snapshot.Alarms.All(a => a.Priority < AlarmPriority.High), $"seed {seed}: ready with a high alarm at {snapshot.Now:O}");
                }
            }
        });

        foreach (var changed in s.Of<DischargeReadinessChanged>().Where(d => d.Readiness.Ready))
        {
            Assert.Empty(changed.Readiness.BlockingAlarms);
        }

        Assert.True(s.Of<AlarmRaised>().Any(), $"seed {seed}: the random session should exercise alarms");
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void No_physiological_alarm_from_invalid_or_questionable_data(int seed)
    {
        var s = RandomSession.Generate(seed, validDataNormal: true);

        Assert.Empty(s.Physiological());
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void Every_physiological_alarm_value_was_fed_as_a_valid_observation(int seed)
    {
        var s = RandomSession.Generate(seed);
        var valid = s.Inputs
            .Where(i => i.Kind == EngineInputKind.Observation && i.ObservationValue.IsValid)
            .Select(i => (i.ObservationValue.Metric, i.ObservationValue.Value))
            .ToHashSet();

        foreach (var raised in s.Physiological())
        {
            Assert.Contains((raised.Alarm.Metric, raised.Alarm.Value!.Value), valid);
        }
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void Replaying_the_same_inputs_gives_byte_identical_decisions(int seed)
    {
        var s = RandomSession.Generate(seed);
        var original = DecisionJson.SerializeLines(s.Decisions);

        var log = new DecisionLog();
        var replay = new SessionEngine(s.Profile, log);
        foreach (var input in s.Inputs)
        {
            replay.Apply(input);
        }

        Assert.Equal(original, DecisionJson.SerializeLines(log.Decisions));
        Assert.True(original.Length > 1000);
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void Restoring_by_replaying_a_prefix_then_continuing_equals_an_uninterrupted_run(int seed)
    {
        var s = RandomSession.Generate(seed);
        var cut = new Random(seed * 7919).Next(1, s.Inputs.Count);

        // "Restart": a new engine replays the journaled prefix, then live inputs continue.
        var log = new DecisionLog();
        var restored = new SessionEngine(s.Profile, log);
        for (var i = 0; i < cut; i++)
        {
            restored.Apply(s.Inputs[i]);
        }

        var replayedCount = log.Decisions.Count;
        Assert.Equal(
            DecisionJson.SerializeLines(s.Decisions.Take(replayedCount)),
            DecisionJson.SerializeLines(log.Decisions));
        for (var i = cut; i < s.Inputs.Count; i++)
        {
            restored.Apply(s.Inputs[i]);
        }

        Assert.Equal(DecisionJson.SerializeLines(s.Decisions), DecisionJson.SerializeLines(log.Decisions));
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(s.Engine.Snapshot(), DecisionJson.Options),
            System.Text.Json.JsonSerializer.Serialize(restored.Snapshot(), DecisionJson.Options));
    }

    [Fact]
    public void Random_sessions_reach_both_ready_and_not_ready_states()
    {
        var ready = 0;
        var notReady = 0;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            foreach (var changed in RandomSession.Generate(seed).Of<DischargeReadinessChanged>())
            {
                _ = changed.Readiness.Ready ? ready++ : notReady++;
            }
        }

        Assert.True(ready > 0 && notReady > 0, $"ready {ready}, not ready {notReady}: the generator no longer exercises readiness");
    }

    [Fact]
    public void Sequence_numbers_are_gapless_and_time_never_goes_backwards()
    {
        var s = RandomSession.Generate(99);
        for (var i = 0; i < s.Decisions.Count; i++)
        {
            Assert.Equal(i + 1, s.Decisions[i].Sequence);
            if (i > 0)
            {
                Assert.True(s.Decisions[i].At >= s.Decisions[i - 1].At);
            }
        }
    }

    [Fact]
    public void Commands_round_trip_through_the_journal_format()
    {
        var s = new Scenario(Profiles.Kap);
        SessionCommand[] commands =
        [
            new StartSession(Scenario.T0, s.Info),
            new OverrideGate(Scenario.T0, "dr-rx", "reason"),
            new SignOffDischarge(Scenario.T0, "th-1", null),
            new AcknowledgeAlarm(Scenario.T0, "th-1", "spo2-low#1"),
        ];

        foreach (var command in commands)
        {
            var json = DecisionJson.Serialize(command);
            Assert.Equal(command, DecisionJson.DeserializeCommand(json));
        }

        Assert.Contains("\"type\":\"startSession\"", DecisionJson.Serialize(commands[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_start_keeps_its_device_arms_through_the_journal_format_and_an_old_one_has_none()
    {
        var s = new Scenario(Profiles.Kap);
        var arms = new Dictionary<string, Arm> { ["Room-1-Oximeter"] = Arm.Left, [Scenario.Cuff] = Arm.Right };
        var json = DecisionJson.Serialize(new StartSession(Scenario.T0, s.Info, arms));
        Assert.Contains("\"deviceArms\":{\"Room-1-Oximeter\":\"left\",\"room-1-cuff\":\"right\"}", json, StringComparison.Ordinal);
        var back = Assert.IsType<StartSession>(DecisionJson.DeserializeCommand(json));
        Assert.Equal(arms.OrderBy(a => a.Key), back.DeviceArms!.OrderBy(a => a.Key)); // device ids keep their case

        // Journaled before arms existed: no field, so every cuff cycle suppresses SpO2 as it did then.
        var old = json.Replace(",\"deviceArms\":{\"Room-1-Oximeter\":\"left\",\"room-1-cuff\":\"right\"}", "", StringComparison.Ordinal);
        Assert.DoesNotContain("deviceArms", old, StringComparison.Ordinal);
        Assert.Null(Assert.IsType<StartSession>(DecisionJson.DeserializeCommand(old)).DeviceArms);
    }
}

using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Tests.Clinical;

public class ProfileLoaderTests
{
    [Fact]
    public void Shipped_profiles_load_with_the_reference_numbers()
    {
        var esk = Profiles.Esketamine;
        Assert.Equal(new ProfileRef("esketamine-rems", 1), esk.Ref);
        Assert.Equal(SessionRoute.IntranasalEsketamine, esk.Route);
        Assert.Equal(140, esk.Gate.MaxSystolic);
        Assert.Equal(150, esk.Gate.MaxSystolicOlderAdult);
        Assert.Equal(90, esk.Gate.MaxDiastolic);
        Assert.Equal(120, esk.Discharge.MinMinutes);
        Assert.Equal(40, esk.Schedule.Fixed[0].AtMinutes);
        var rise = esk.Alarms.Rules.Single(r => r.Id == "sbp-rise");
        Assert.Equal(AlarmLimitKind.BaselinePlus, rise.LimitKind);
        Assert.Equal(40, rise.Limit);
        Assert.Equal(AlarmDelayKind.RepeatReading, rise.Delay);
        var spo2 = esk.Alarms.Rules.Single(r => r.Id == "spo2-low");
        Assert.Equal(Metric.Spo2, spo2.Metric);
        Assert.Equal(AlarmComparison.AtOrBelow, spo2.Comparison);
        Assert.Equal(15, spo2.DelaySeconds);
        Assert.True(esk.Alarms.Rules.Single(r => r.Id == "sbp-high").IsLatching);
        Assert.Equal(30, esk.Technical.StaleSeconds[Metric.Spo2]);

        Assert.Equal(SessionRoute.SublingualLozenge, Profiles.Kap.Route);
        Assert.Equal(["oriented-x3", "steady-gait"], Profiles.Kap.Discharge.Attestations);
        Assert.Equal(ScheduleAnchor.InfusionEnd, Profiles.Iv.Discharge.Anchor);
        Assert.Equal("consider pausing infusion", Profiles.Iv.Alarms.Rules.Single(r => r.Id == "sbp-high").ActionHint);
        Assert.Equal(AlarmDelayKind.SatSeconds, Profiles.Iv.Alarms.Rules.Single(r => r.Id == "spo2-low").Delay);
    }

    [Fact]
    public void A_bad_enum_names_file_field_and_allowed_values()
    {
        var json = File.ReadAllText(Profiles.PathOf("esketamine-rems.jsonc"))
            .Replace("\"priority\": \"medium\", \"when\": \"atOrAbove\", \"baselinePlus\": 40", "\"priority\": \"urgent\", \"when\": \"atOrAbove\", \"baselinePlus\": 40", StringComparison.Ordinal);

        var ok = ProtocolProfileLoader.TryParse("esketamine-rems.jsonc", json, out var profile, out var errors);

        Assert.False(ok);
        Assert.Null(profile);
        Assert.Contains("esketamine-rems.jsonc: alarms.rules[0].priority must be one of low, medium, high (found 'urgent')", errors);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        const string json = """
            // comment
            {
              "id": "x", "version": 0, "createdBy": "dr", "createdAt": "2026-01-01T00:00:00Z", "route": "oral",
              "gate": { "maxSystolic": 20, },
              "alarms": { "rules": [ { "id": "a", "metric": "spo3", "priority": "low", "when": "atOrBelow", "limit": 90, "baselinePlus": 3 } ] },
            }
            """;

        var ex = Assert.Throws<ProfileValidationException>(() => ProtocolProfileLoader.Parse("p.jsonc", json));

        Assert.Contains("p.jsonc: version must be at least 1 (found 0)", ex.Errors);
        Assert.Contains("p.jsonc: route must be one of sublingualLozenge, intranasalEsketamine, ivInfusion (found 'oral')", ex.Errors);
        Assert.Contains("p.jsonc: gate.maxSystolic must be between 60 and 300 (found 20)", ex.Errors);
        Assert.Contains(ex.Errors, e => e.StartsWith("p.jsonc: alarms.rules[0].metric must be one of spo2, pulse_rate", StringComparison.Ordinal) && e.EndsWith("(found 'spo3')", StringComparison.Ordinal));
        Assert.Contains("p.jsonc: alarms.rules[0] needs exactly one of limit, baselinePlus, baselinePercent (found 2)", ex.Errors);
    }

    [Fact]
    public void Unknown_fields_are_rejected_with_their_path()
    {
        const string json = """{ "id": "x", "version": 1, "createdBy": "dr", "createdAt": "2026-01-01T00:00:00Z", "route": "ivInfusion", "gate": { "maxSystolc": 150 } }""";

        Assert.False(ProtocolProfileLoader.TryParse("p.jsonc", json, out _, out var errors));
        var error = Assert.Single(errors);
        Assert.StartsWith("p.jsonc: ", error, StringComparison.Ordinal);
        Assert.Contains("maxSystolc", error, StringComparison.Ordinal);
    }

    [Fact]
    public void New_versions_are_new_objects_and_the_store_keeps_them_immutable()
    {
        var v1 = Profiles.Kap;
        var v2 = v1.NewVersion("dr-rx", Scenario.T0, forPatient: "P-7f3a") with
        {
            Gate = v1.Gate with { MaxSystolic = 150 },
        };

        Assert.Equal(2, v2.Version);
        Assert.Equal(v1.Ref, v2.BasedOn);
        Assert.Equal("P-7f3a", v2.ForPatient);
        Assert.Equal(140, v1.Gate.MaxSystolic);

        var store = new InMemoryProtocolStore();
        store.Add(v1);
        store.Add(v2);
        Assert.Same(v1, store.Find(v1.Ref));
        Assert.Same(v2, store.Latest(v1.Id));
        Assert.Throws<InvalidOperationException>(() => store.Add(v2));
        Assert.Throws<InvalidOperationException>(() => store.Add(v2 with { Version = 4 }));
    }
}

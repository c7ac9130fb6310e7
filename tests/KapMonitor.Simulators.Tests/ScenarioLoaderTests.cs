using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Physiology;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Tests;

public sealed class ScenarioLoaderTests
{
    private static readonly string[] s_names =
    [
        "kap-lozenge-normal", "iv-infusion-normal", "esketamine-responder", "white-coat-baseline",
        "desaturation-with-artifact", "probe-off", "device-unplug", "cuff-error-burst", "slow-recovery",
    ];

    public static TheoryData<string> ScenarioNames => new(s_names);

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Every_shipped_scenario_loads(string name)
    {
        var scenario = Repo.Scenario(name);
        Assert.Equal(name, scenario.Name);
        Assert.True(scenario.Duration >= TimeSpan.FromHours(2));
        Assert.NotEmpty(scenario.Description);
        Assert.NotEmpty(scenario.BpCadence);
        Assert.All(scenario.Events, e => Assert.True(e.End <= scenario.Duration));
    }

    [Fact]
    public void Every_file_in_the_scenarios_folder_is_a_known_scenario() =>
        Assert.Equal(
            s_names.Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(Repo.ScenarioDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));

    [Fact]
    public void Reads_every_field()
    {
        var scenario = ScenarioLoader.Parse("""
            {
              "schemaVersion": 1, "name": "x", "seed": 7, "duration": "02:00:00",
              "patient": { "age": 70, "baselineSystolic": 150, "whiteCoat": true, "responder": null },
              "dose": { "route": "iv", "at": "00:10:00", "infusionDuration": "00:50:00" },
              "bloodPressure": { "cuffOnOximeterArm": true, "cadence": [ { "from": "00:00:00", "every": "00:10:00" } ] },
              "events": [
                { "at": "00:40:00", "event": "cuffError", "duration": "00:05:00", "error": "overpressure", "device": "cuff" },
                { "at": "00:35:00", "event": "desaturation", "duration": "00:02:00", "nadir": 85 }
              ]
            }
            """, "inline");

        Assert.Equal(7UL, scenario.Seed);
        Assert.Equal(70, scenario.Patient.Age);
        Assert.True(scenario.Patient.WhiteCoat);
        Assert.Null(scenario.Patient.Responder);
        Assert.Equal(new DoseSpec(DoseRoute.IntravenousInfusion, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(50)), scenario.Dose);
        Assert.True(scenario.CuffOnOximeterArm);
        Assert.Equal(ScenarioEventKind.Desaturation, scenario.Events[0].Kind);
        Assert.Equal(85, scenario.Events[0].Nadir);
        Assert.Equal(NibpFault.Overpressure, scenario.Events[1].Fault);
        Assert.Equal(ScenarioTarget.Cuff, scenario.Events[1].Target);
    }

    [Theory]
    [InlineData("""{"duration":"01:00:00"}""", "inline: schemaVersion is required.")]
    [InlineData("""{"schemaVersion":2,"duration":"01:00:00"}""", "inline: schemaVersion must be 1 (found 2); this build reads version 1 only.")]
    [InlineData("""{"schemaVersion":1,"duration":"1h"}""", "inline: duration must be a time like 00:35:00 (hh:mm:ss; found \"1h\").")]
    [InlineData("""{"schemaVersion":1,"duration":"01:00:00","dose":{"route":"oral","at":"00:10:00"}}""", "inline: dose.route must be one of sublingual, intranasal, iv, none (found \"oral\").")]
    [InlineData("""{"schemaVersion":1,"duration":"01:00:00","events":[{"at":"00:10:00","event":"probeOf","duration":"00:01:00"}]}""",
        "inline: events[0].event must be one of probeOff, sensorDisconnected, motion, lowPerfusion, searching, desaturation, unplug, cuffError (found \"probeOf\").")]
    [InlineData("""{"schemaVersion":1,"duration":"01:00:00","events":[{"at":"00:10:00","event":"desaturation","duration":"00:01:00"}]}""",
        "inline: events[0].nadir (lowest SpO2 %, 50-100) is required for a desaturation.")]
    [InlineData("""{"schemaVersion":1,"duration":"01:00:00","events":[{"at":"00:10:00","event":"cuffError","duration":"00:01:00","error":"leak"}]}""",
        "inline: events[0].error must be one of weakSignal, motion, looseCuff, timeout, overpressure (found \"leak\").")]
    [InlineData("""{"schemaVersion":1,"duration":"01:00:00","patient":{"age":"old"}}""", "inline: patient.age must be a number from 0 to 120 (found \"old\").")]
    [InlineData("""{"schemaVersion":1,"duration":"01:00:00","bloodPressure":{"cadence":[{"from":"00:00:00","every":"00:00:10"}]}}""",
        "inline: bloodPressure.cadence[0].every must be at least 00:01:00 (found 00:00:10).")]
    [InlineData("""{"schemaVersion":1,""", "inline: not valid JSON")]
    public void Errors_name_the_source_the_field_and_what_is_allowed(string json, string expected)
    {
        var ex = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Parse(json, "inline", "x"));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_scenario_name_lists_the_known_ones()
    {
        var ex = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.LoadByName("nope", Repo.ScenarioDirectory));
        Assert.Contains("kap-lozenge-normal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cadence_rules_replace_each_other_in_order()
    {
        var scenario = Repo.Scenario("kap-lozenge-normal");
        Assert.Equal(TimeSpan.FromMinutes(5), scenario.NextCadenceStart(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMinutes(15), scenario.NextCadenceStart(TimeSpan.FromMinutes(14)));
        Assert.Equal(TimeSpan.FromMinutes(75), scenario.NextCadenceStart(TimeSpan.FromMinutes(61)));
        Assert.Equal(TimeSpan.FromMinutes(105), scenario.NextCadenceStart(TimeSpan.FromMinutes(76)));
        Assert.Null(scenario.NextCadenceStart(TimeSpan.FromMinutes(170)));
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using KapMonitor.Core.Observations;
using Xunit.Abstractions;

namespace KapMonitor.Storage.Tests;

/// <summary>Runs every InfluxQL query of docs/influx-schema.md against a real influxd holding a forwarded session.</summary>
public sealed partial class InfluxSchemaDocTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Documented_analyst_queries_run()
    {
        var queries = ReadDocumentedQueries();
        Assert.Equal(10, queries.Count);

        await using var fx = await InfluxForwarderFixture.StartAsync(output);
        fx.Journal.Time.SetUtcNow(new DateTimeOffset(2026, 11, 21, 9, 35, 0, TimeSpan.Zero));
        await using var journal = fx.Journal.Open();
        const string Room = "room-3";
        const string Session = "s-2026-11-21-0930";
        var t = fx.Journal.Time.GetUtcNow();
        // Kinds and payloads as the service writes them (KapMonitor.Service.Pipeline.JournalKinds, DecisionJson).
        await journal.AppendClinicalAsync(Room, "command", t, """{"type":"startSession","at":"2026-11-21T09:35:00Z"}""", Session);
        for (var i = 0; i < 120; i++)
        {
            var at = t.AddSeconds(i);
            journal.AppendObservation(Room, i % 20 == 19
                ? Observation.Invalid("ox-1", Metric.Spo2, ObservationFlags.ProbeOff, at)
                : new Observation("ox-1", Metric.Spo2, 92 + (i % 7), Validity.Valid, ObservationFlags.None, at));
        }

        journal.AppendObservation(Room, new Observation("cuff-1", Metric.Systolic, 131, Validity.Valid, ObservationFlags.None, t.AddMinutes(1)));
        journal.AppendObservation(Room, new Observation("cuff-1", Metric.Diastolic, 84, Validity.Valid, ObservationFlags.None, t.AddMinutes(1)));
        journal.AppendStatus(Room, new DeviceStatusEvent("ox-1", DeviceCondition.ProbeOff, true, t.AddSeconds(19), 0, "finger out"));
        await journal.AppendClinicalAsync(Room, "decision", t.AddMinutes(2), """{"type":"alarmRaised","sequence":3,"alarm":{"source":"spo2-low"}}""", Session);
        await journal.AppendClinicalAsync(Room, "command", t.AddMinutes(3), """{"type":"acknowledgeAlarm","userId":"th-1"}""", Session);
        await journal.AppendClinicalAsync(Room, "decision", t.AddMinutes(3), """{"type":"alarmAcknowledged","sequence":4,"by":"th-1"}""", Session);
        await journal.FlushAsync();
        Assert.Equal(ForwardPassStatus.CaughtUp, (await fx.Forwarder(journal).ForwardOnceAsync()).Status);

        foreach (var query in queries)
        {
            using var answer = await fx.Influx.QueryAsync(query, InfluxForwarderFixture.Database);
            var result = answer.RootElement.GetProperty("results")[0];
            Assert.False(result.TryGetProperty("error", out var error), $"{query}\n→ {error}");
            Assert.True(result.TryGetProperty("series", out JsonElement series) && series.GetArrayLength() > 0, $"No rows for: {query}");
        }

        fx.Logs.AssertNoErrors();
    }

    private static List<string> ReadDocumentedQueries([CallerFilePath] string here = "")
    {
        var doc = Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "docs", "influx-schema.md");
        return [.. SqlBlock().Matches(File.ReadAllText(doc)).Select(m => m.Groups[1].Value.Trim())];
    }

    [GeneratedRegex(@"```sql\s*\n\s*(.+?)\n\s*```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}

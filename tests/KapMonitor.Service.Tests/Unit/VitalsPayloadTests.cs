using System.Text;
using System.Text.Json;
using KapMonitor.Core.Observations;
using KapMonitor.Service.Forwarding;

namespace KapMonitor.Service.Tests.Unit;

public sealed class VitalsPayloadTests
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 21, 15, 4, 5, 120, TimeSpan.Zero);

    private static string Build(VitalsPayload payload, Observation o) => Encoding.UTF8.GetString(payload.Build(o, MetricCatalog.Get(o.Metric)));

    [Fact]
    public void A_valid_reading_matches_the_documented_example()
    {
        var json = Build(new VitalsPayload("clinic-a", "room-1"), new Observation("room-1-oximeter", Metric.Spo2, 97, Validity.Valid, ObservationFlags.None, s_at));

        Assert.Equal(
            """{"schema":"kapmonitor.vitals/1","site":"clinic-a","room":"room-1","device":"room-1-oximeter","metric":"spo2","value":97,"unit":"%","validity":"valid","flags":[],"time":"2026-11-21T15:04:05.12Z","loinc":"59408-5","mdc":150456}""",
            json);
    }

    [Fact]
    public void An_invalid_reading_has_a_null_value_and_its_flags_in_camel_case()
    {
        var o = new Observation("ox", Metric.Spo2, 82, Validity.Invalid, ObservationFlags.ProbeOff | ObservationFlags.LowPerfusion | ObservationFlags.SmartPoint, s_at);

        using var doc = JsonDocument.Parse(Build(new VitalsPayload("s", "r"), o));

        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("value").ValueKind);
        Assert.Equal("invalid", doc.RootElement.GetProperty("validity").GetString());
        Assert.Equal(["probeOff", "lowPerfusion", "smartPoint"], doc.RootElement.GetProperty("flags").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Site_and_room_are_escaped_like_any_json_string()
    {
        using var doc = JsonDocument.Parse(Build(new VitalsPayload("clinic \"a\"", "room/1"), new Observation("ox", Metric.PulseRate, 72, Validity.Valid, ObservationFlags.None, s_at)));

        Assert.Equal("clinic \"a\"", doc.RootElement.GetProperty("site").GetString());
        Assert.Equal("room/1", doc.RootElement.GetProperty("room").GetString());
    }

    [Fact]
    public void Values_print_as_the_shortest_round_trip_double_whatever_their_form()
    {
        // Property: the whole-number shortcut never changes the text a double would print as.
        var payload = new VitalsPayload("s", "r");
        var random = new Random(20261121);
        double[] edges = [0, -0.0, 1, -1, 97.5, 0.1, 1e14, 1e15 - 1, 1e15, 1e16, -1e15, 123456789.25, double.Epsilon, 9007199254740993d];
        foreach (var value in edges.Concat(Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? Math.Round(random.NextDouble() * 300, i % 3) : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(0, 18)))))
        {
            var json = Build(payload, new Observation("ox", Metric.Systolic, value, Validity.Valid, ObservationFlags.None, s_at));
            using var doc = JsonDocument.Parse(json);

            Assert.Equal(JsonSerializer.Serialize(value), doc.RootElement.GetProperty("value").GetRawText());
        }
    }

    [Fact]
    public void Each_payload_is_its_own_array()
    {
        var payload = new VitalsPayload("s", "r");
        var first = payload.Build(new Observation("ox", Metric.Spo2, 97, Validity.Valid, ObservationFlags.None, s_at), MetricCatalog.Get(Metric.Spo2));
        var copy = first.ToArray();

        payload.Build(new Observation("ox", Metric.PulseRate, 180, Validity.Questionable, ObservationFlags.Artifact, s_at), MetricCatalog.Get(Metric.PulseRate));

        Assert.Equal(copy, first);
    }
}

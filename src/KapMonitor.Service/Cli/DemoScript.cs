using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KapMonitor.Simulators.Physiology;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Service.Cli;

/// <summary>
/// Plays the therapist and the prescriber of the demo through the HTTP API: starts the session, takes
/// BP on the scenario's cadence, doses at the scenario's dose time (or, when the pre-dose gate holds,
/// has the prescriber override it after a while), acknowledges alarms, attests and signs off discharge
/// once the engine says the client is ready.
/// </summary>
public sealed class DemoScript(string api, string therapistToken, string prescriberToken, string room, Scenario scenario, TimeProvider time, TextWriter output)
{
    private static readonly TimeSpan s_step = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_gateHoldBeforeOverride = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan s_ackAfter = TimeSpan.FromMinutes(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var therapist = Client(therapistToken);
        using var prescriber = Client(prescriberToken);
        var start = time.GetUtcNow();
        TimeSpan? nextBp = TimeSpan.Zero;
        DateTimeOffset? gateHeldSince = null;
        var dosed = false;
        var attested = new HashSet<string>(StringComparer.Ordinal);

        await PostAsync(therapist, $"rooms/{room}/session", new
        {
            patientRef = "demo-client-7f3a",
            prescriberId = "dr-lee",
            profile = ProfileFor(scenario.Dose.Route),
            patientAgeYears = scenario.Patient.Age,
            dose = scenario.Dose.Route.ToString(),
        }, cancellationToken);

        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(s_step, time, cancellationToken);
            var elapsed = time.GetUtcNow() - start;
            if (nextBp is { } due && elapsed >= due)
            {
                await PostAsync(therapist, $"rooms/{room}/measure", null, cancellationToken);
                nextBp = scenario.NextCadenceStart(elapsed + TimeSpan.FromSeconds(1));
            }

            using var state = await GetAsync(therapist, $"rooms/{room}", cancellationToken);
            var root = state.RootElement;
            if (!dosed && elapsed >= scenario.Dose.DoseAt)
            {
                var gate = root.GetProperty("gate").GetProperty("state").GetString();
                if (gate is "clear" or "overridden")
                {
                    await PostAsync(therapist, $"rooms/{room}/session/dose", new { description = scenario.Dose.Route.ToString() }, cancellationToken);
                    dosed = true;
                }
                else if (gate == "held")
                {
                    gateHeldSince ??= time.GetUtcNow();
                    if (time.GetUtcNow() - gateHeldSince >= s_gateHoldBeforeOverride)
                    {
                        await PostAsync(prescriber, $"rooms/{room}/session/gate-override",
                            new { reason = "Reviewed remotely: white-coat pattern, readings trending down, no symptoms." }, cancellationToken);
                    }
                }
            }

            await AcknowledgeOldAlarmsAsync(therapist, root, cancellationToken);
            if (root.TryGetProperty("discharge", out var discharge) && discharge.ValueKind == JsonValueKind.Object)
            {
                var othersMet = discharge.GetProperty("criteria").EnumerateArray()
                    .All(c => c.GetProperty("met").GetBoolean() || c.GetProperty("id").GetString() == "attestations");
                if (othersMet)
                {
                    foreach (var item in discharge.GetProperty("pendingAttestations").EnumerateArray().Select(i => i.GetString()!))
                    {
                        if (attested.Add(item))
                        {
                            await PostAsync(therapist, $"rooms/{room}/session/attest", new { item }, cancellationToken);
                        }
                    }
                }

                if (discharge.GetProperty("ready").GetBoolean())
                {
                    await PostAsync(therapist, $"rooms/{room}/session/discharge", new { }, cancellationToken);
                    await PostAsync(therapist, $"rooms/{room}/session/end", null, cancellationToken);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Demo: client discharged after {elapsed.TotalMinutes:0} min of session time. Ctrl-C to stop, or look around first."));
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            }

            if (elapsed >= scenario.Duration)
            {
                await PostAsync(therapist, $"rooms/{room}/session/end", null, cancellationToken);
                output.WriteLine("Demo: the scenario ended before discharge readiness; session ended. Ctrl-C to stop.");
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }

    private async Task AcknowledgeOldAlarmsAsync(HttpClient therapist, JsonElement state, CancellationToken cancellationToken)
    {
        foreach (var alarm in state.GetProperty("alarms").EnumerateArray())
        {
            var raisedAt = alarm.GetProperty("raisedAt").GetDateTimeOffset();
            if (alarm.GetProperty("state").GetString() != "acknowledged" && time.GetUtcNow() - raisedAt >= s_ackAfter)
            {
                await PostAsync(therapist, $"rooms/{room}/alarms/acknowledge", new { alarmId = alarm.GetProperty("id").GetString() }, cancellationToken);
            }
        }
    }

    private static string ProfileFor(DoseRoute route) => route switch
    {
        DoseRoute.IntranasalEsketamine => "esketamine-rems",
        DoseRoute.IntravenousInfusion => "iv-infusion",
        _ => "kap-sublingual",
    };

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(api + "/api/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task PostAsync(HttpClient client, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = body is null
            ? await client.PostAsync(new Uri(path, UriKind.Relative), null, cancellationToken)
            : await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            output.WriteLine($"Demo: POST {path} -> {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task<JsonDocument> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }
}

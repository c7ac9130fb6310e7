using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Xunit.Abstractions;

namespace KapMonitor.Service.Tests.Integration;

/// <summary>The HTTP API over real Kestrel: authentication, roles, validation, conflicts, protocol versions.</summary>
public sealed class ApiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestLoggerProvider _logs = new(output);
    private readonly TempDirectory _work = new("kapmon-api");
    private ServiceHarness? _service;

    public async Task InitializeAsync() =>
        _service = await ServiceHarness.StartAsync(ServiceHarness.Config(_work.Path), new ManualTimeProvider(DateTimeOffset.UtcNow), _logs);

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic bm9ib2R5Om5vdGhpbmc=")]
    [InlineData("Basic %%%")]
    public async Task Every_call_needs_a_known_user(string? authorization)
    {
        using var client = new HttpClient { BaseAddress = new Uri(_service!.BaseAddress, "/api/v1/") };
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.GetAsync(new Uri("rooms", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains("Send HTTP Basic", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_needs_no_credentials()
    {
        using var client = new HttpClient { BaseAddress = _service!.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Only_prescribers_override_the_gate_or_create_protocol_versions()
    {
        using var therapist = _service!.Client();
        // Names in any case, as the framework's binding accepted them.
        using (var started = await therapist.PostAsync(new Uri("rooms/room-1/session", UriKind.Relative),
            new StringContent("""{ "PatientRef": "p-roles", "PrescriberId": "dr-lee", "Profile": "kap-sublingual" }""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        var overrideGate = await Error(await therapist.PostAsJsonAsync("rooms/room-1/session/gate-override", new { reason = "because" }));
        Assert.Equal(HttpStatusCode.Forbidden, overrideGate.Status);
        Assert.Contains("'therapist' may not", JsonDocument.Parse(overrideGate.Body).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var create = await therapist.PostAsync(new Uri("protocols", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task Wrong_input_gets_a_4xx_with_a_clear_message_and_changes_nothing()
    {
        using var therapist = _service!.Client();
        var missing = await Error(await therapist.PostAsJsonAsync("rooms/room-1/session", new { patientRef = "Jane Doe" }));
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains("never a name", missing.Body, StringComparison.Ordinal);
        Assert.Contains("prescriberId is required", missing.Body, StringComparison.Ordinal);

        var unknownProfile = await Error(await therapist.PostAsJsonAsync("rooms/room-1/session", new { patientRef = "p1", prescriberId = "dr-lee", profile = "nope" }));
        Assert.Equal(HttpStatusCode.BadRequest, unknownProfile.Status);
        Assert.Contains("kap-sublingual", unknownProfile.Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await Error(await therapist.PostAsJsonAsync("rooms/room-9/session", new { }))).Status);
        var noSession = await Error(await therapist.PostAsJsonAsync("rooms/room-1/alarms/acknowledge", new { }));
        Assert.Equal(HttpStatusCode.Conflict, noSession.Status);
        Assert.Contains("no session", noSession.Body, StringComparison.Ordinal);

        var badJson = await Error(await therapist.PostAsync(new Uri("rooms/room-1/session/attest", UriKind.Relative), new StringContent("{not json", Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.Status);
        var badStart = await Error(await therapist.PostAsync(new Uri("rooms/room-1/session", UriKind.Relative), new StringContent("{not json", Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.BadRequest, badStart.Status);
        Assert.Contains("not valid JSON", badStart.Body, StringComparison.Ordinal);
        var noBody = await Error(await therapist.PostAsync(new Uri("rooms/room-1/session", UriKind.Relative), null));
        Assert.Equal(HttpStatusCode.BadRequest, noBody.Status);
        Assert.Contains("patientRef is required", noBody.Body, StringComparison.Ordinal);
        var notJson = await Error(await therapist.PostAsync(new Uri("rooms/room-1/session", UriKind.Relative), new StringContent("patientRef=p1", Encoding.UTF8, "application/x-www-form-urlencoded")));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.Contains("must be JSON", notJson.Body, StringComparison.Ordinal);

        var rooms = await therapist.GetOkAsync("rooms");
        Assert.False(rooms[0].TryGetProperty("sessionId", out _), "a refused request must not start a session");
    }

    [Fact]
    public async Task A_second_session_in_a_busy_room_is_refused_and_sign_off_needs_a_reason_when_not_ready()
    {
        using var therapist = _service!.Client();
        await therapist.PostOkAsync("rooms/room-1/session", new { patientRef = "p-busy", prescriberId = "dr-lee", profile = "kap-sublingual" });
        var second = await Error(await therapist.PostAsJsonAsync("rooms/room-1/session", new { patientRef = "p-other", prescriberId = "dr-lee", profile = "kap-sublingual" }));
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Contains("already has session", second.Body, StringComparison.Ordinal);

        var signOff = await Error(await therapist.PostAsJsonAsync("rooms/room-1/session/discharge", new { }));
        Assert.Equal(HttpStatusCode.Conflict, signOff.Status);
        // No body at all is the same request.
        var bare = await Error(await therapist.PostAsync(new Uri("rooms/room-1/session/discharge", UriKind.Relative), null));
        Assert.Equal(HttpStatusCode.Conflict, bare.Status);
        var missingItem = await Error(await therapist.PostAsync(new Uri("rooms/room-1/session/attest", UriKind.Relative), null));
        Assert.Equal(HttpStatusCode.BadRequest, missingItem.Status);
        Assert.Contains("item is required", missingItem.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prescribers_create_numbered_immutable_versions_and_bad_documents_list_every_problem()
    {
        using var prescriber = _service!.Client(ServiceHarness.PrescriberToken);
        var document = await File.ReadAllTextAsync(RepoPaths.Combine("protocol-profiles", "kap-sublingual.jsonc"));
        using var created = await prescriber.PostAsync(new Uri("protocols", UriKind.Relative), new StringContent(document, Encoding.UTF8, "application/json"));
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        Assert.Contains("\"version\":2", body, StringComparison.Ordinal);
        Assert.Contains("\"createdBy\":\"dr-lee\"", body, StringComparison.Ordinal);
        var versions = await prescriber.GetOkAsync("protocols/kap-sublingual/versions");
        Assert.Equal(2, versions.GetArrayLength());

        var broken = document.Replace("\"priority\": \"medium\"", "\"priority\": \"urgent\"", StringComparison.Ordinal);
        var refused = await Error(await prescriber.PostAsync(new Uri("protocols", UriKind.Relative), new StringContent(broken, Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("urgent", refused.Body, StringComparison.Ordinal);
        Assert.Equal(2, (await prescriber.GetOkAsync("protocols/kap-sublingual/versions")).GetArrayLength());
    }

    private static async Task<(HttpStatusCode Status, string Body)> Error(HttpResponseMessage response)
    {
        using (response)
        {
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        _logs.AssertNoErrors();
        _work.Dispose();
        _logs.Dispose();
    }
}

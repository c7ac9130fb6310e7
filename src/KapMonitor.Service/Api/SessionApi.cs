using System.Security.Claims;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Service.Api.Auth;
using KapMonitor.Service.Pipeline;
using KapMonitor.Devices.Protocols;
using KapMonitor.Storage;

namespace KapMonitor.Service.Api;

/// <summary>The session HTTP API (docs/api.md). Every endpoint requires an authenticated user.</summary>
public static class SessionApi
{
    /// <summary>Maps the endpoints under /api/v1.</summary>
    public static void MapKapMonitorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        var anyone = new[] { Roles.Therapist, Roles.Prescriber, Roles.Admin };
        var clinician = Roles.Clinicians.ToArray();

        api.MapGet("/rooms", async (RoomRegistry rooms, CancellationToken ct) =>
        {
            var list = new List<object>();
            foreach (var room in rooms.All)
            {
                var snapshot = await room.QueryAsync(e => e?.Snapshot(), ct);
                list.Add(new
                {
                    room = room.RoomId,
                    sessionId = snapshot?.Session?.SessionId,
                    phase = snapshot?.Phase,
                    activeAlarms = snapshot?.Alarms.Count ?? 0,
                    dischargeReady = snapshot?.Discharge?.Ready,
                    dischargeCleared = snapshot?.DischargeCleared,
                });
            }

            return Results.Json(list, DecisionJson.Options);
        }).RequireAuthorization(p => p.RequireRole(anyone));

        api.MapGet("/rooms/{room}", async (string room, RoomRegistry rooms, CancellationToken ct) =>
            rooms.Find(room) is not { } r ? NotFoundRoom(room)
            : await r.QueryAsync(e => e?.Snapshot(), ct) is { } snapshot ? Results.Json(snapshot, DecisionJson.Options)
            : Results.Json(new { room, phase = "noSession" }, DecisionJson.Options));

        api.MapPost("/rooms/{room}/session", async (string room, HttpRequest request, ClaimsPrincipal user, RoomRegistry rooms, ProtocolRepository profiles, TimeProvider time, CancellationToken ct) =>
        {
            if (rooms.Find(room) is not { } r)
            {
                return NotFoundRoom(room);
            }

            var (read, unreadable) = await ReadBodyAsync<StartSessionRequest>(request, ct);
            if (unreadable is not null)
            {
                return unreadable;
            }

            var body = read ?? new StartSessionRequest(); // no body: every field is reported missing below
            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(body.PatientRef) || body.PatientRef.Contains(' ', StringComparison.Ordinal))
            {
                problems.Add("patientRef is required: a pseudonymous reference without spaces (never a name)");
            }

            if (string.IsNullOrWhiteSpace(body.PrescriberId))
            {
                problems.Add("prescriberId is required");
            }

            if (string.IsNullOrWhiteSpace(body.Profile))
            {
                problems.Add($"profile is required: one of {string.Join(", ", profiles.All().Select(p => p.Id))}");
            }

            if (body.PatientAgeYears is < 0 or > 130)
            {
                problems.Add("patientAgeYears must be from 0 to 130");
            }

            if (problems.Count > 0)
            {
                return Results.BadRequest(new ApiError("The session cannot start: fix the listed fields.", problems));
            }

            var profile = body.ProfileVersion is { } v ? profiles.Find(new ProfileRef(body.Profile!, v)) : profiles.Latest(body.Profile!);
            if (profile is null)
            {
                return Results.BadRequest(new ApiError($"Unknown protocol profile '{body.Profile}'{(body.ProfileVersion is { } pv ? $" version {pv}" : "")}.",
                    [.. profiles.All().Select(p => $"{p.Id} (latest v{p.Version})")]));
            }

            var now = time.GetUtcNow();
            var info = new SessionInfo(
                $"s-{now:yyyyMMdd-HHmmss}-{room}",
                new RoomId(room),
                body.PatientRef!,
                body.PrescriberId!,
                body.TherapistId ?? UserName(user),
                body.Route ?? profile.Route,
                body.Dose ?? "",
                body.DoseMilligrams,
                body.PatientAgeYears,
                profile.Ref,
                r.CuffRequester is not null);
            return await Run(r, new StartSession(now, info), ct);
        }).RequireAuthorization(p => p.RequireRole(clinician));

        MapCommand<DoseRequest>(api, "/rooms/{room}/session/dose", clinician, (b, u, now) =>
            new RecordDose(now, u, string.IsNullOrWhiteSpace(b?.Description) ? "dose" : b.Description));
        MapCommand<object>(api, "/rooms/{room}/session/infusion-end", clinician, (_, u, now) => new EndInfusion(now, u));
        MapCommand<GateOverrideRequest>(api, "/rooms/{room}/session/gate-override", [Roles.Prescriber], (b, u, now) =>
            string.IsNullOrWhiteSpace(b?.Reason) ? throw new ArgumentException("reason is required to override the pre-dose gate") : new OverrideGate(now, u, b.Reason));
        MapCommand<AcknowledgeRequest>(api, "/rooms/{room}/alarms/acknowledge", [.. Roles.AlarmAcknowledgers], (b, u, now) => new AcknowledgeAlarm(now, u, b?.AlarmId));
        MapCommand<object>(api, "/rooms/{room}/alarms/pause-audio", clinician, (_, u, now) => new PauseAudio(now, u));
        MapCommand<AttestRequest>(api, "/rooms/{room}/session/attest", [Roles.Therapist], (b, u, now) =>
            string.IsNullOrWhiteSpace(b?.Item) ? throw new ArgumentException("item is required (e.g. oriented-x3)") : new Attest(now, u, b.Item));
        MapCommand<SignOffRequest>(api, "/rooms/{room}/session/discharge", [Roles.Therapist], (b, u, now) => new SignOffDischarge(now, u, b?.OverrideReason));
        MapCommand<object>(api, "/rooms/{room}/session/end", clinician, (_, u, now) => new EndSession(now, u));

        api.MapPost("/rooms/{room}/measure", async (string room, RoomRegistry rooms, CancellationToken ct) =>
        {
            if (rooms.Find(room) is not { } r)
            {
                return NotFoundRoom(room);
            }

            if (r.CuffRequester is not { } request)
            {
                return Results.Conflict(new ApiError($"Room {room} has no cuff the service can command; take the reading by hand."));
            }

            try
            {
                await request(DeviceRequest.StartMeasurement);
            }
            catch (Devices.Transport.DeviceUnavailableException ex)
            {
                return Results.Conflict(new ApiError($"The cuff in room {room} is not connected ({ex.Message}); check the cable, or take the reading by hand."));
            }

            return Results.Accepted();
        }).RequireAuthorization(p => p.RequireRole(clinician));

        api.MapGet("/rooms/{room}/session/rems", async (string room, RoomRegistry rooms, CancellationToken ct) =>
            rooms.Find(room) is not { } r ? NotFoundRoom(room)
            : await r.QueryAsync(e => e?.BuildRemsRecord(), ct) is { } rems ? Results.Json(rems, DecisionJson.Options)
            : Results.Conflict(new ApiError($"Room {room} has no session.")))
            .RequireAuthorization(p => p.RequireRole(clinician));

        api.MapGet("/sessions/{sessionId}/audit", (string sessionId, Journal journal) =>
        {
            var records = journal.ReadSession(sessionId);
            return records.Count == 0
                ? Results.NotFound(new ApiError($"No journal records for session '{sessionId}'."))
                : Results.Json(records.Select(r => new { r.Room, r.Seq, r.Kind, r.At, r.SessionId, payload = System.Text.Json.JsonDocument.Parse(r.PayloadJson).RootElement, hash = r.HashHex }), DecisionJson.Options);
        }).RequireAuthorization(p => p.RequireRole(Roles.Prescriber, Roles.Admin));

        api.MapGet("/protocols", (ProtocolRepository profiles) => Results.Json(profiles.All(), DecisionJson.Options));
        api.MapGet("/protocols/{id}/versions", (string id, ProtocolRepository profiles) =>
            profiles.Versions(id) is { Count: > 0 } versions ? Results.Json(versions, DecisionJson.Options) : Results.NotFound(new ApiError($"No protocol profile '{id}'.")));
        api.MapPost("/protocols", async (HttpRequest request, ClaimsPrincipal user, ProtocolRepository profiles, TimeProvider time) =>
        {
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync();
            try
            {
                var created = await profiles.CreateVersionAsync(json, UserName(user), time.GetUtcNow());
                return Results.Json(created, DecisionJson.Options, statusCode: StatusCodes.Status201Created);
            }
            catch (ProfileValidationException ex)
            {
                return Results.BadRequest(new ApiError("The protocol profile is not valid; nothing was saved.", ex.Errors));
            }
        }).RequireAuthorization(p => p.RequireRole(Roles.Prescriber));
    }

    /// <summary>Maps a session command; its JSON body is optional (null when the request has none).</summary>
    private static void MapCommand<TBody>(RouteGroupBuilder api, string pattern, string[] roles, Func<TBody?, string, DateTimeOffset, SessionCommand> make)
        where TBody : class =>
        api.MapPost(pattern, async (string room, HttpRequest request, ClaimsPrincipal user, RoomRegistry rooms, TimeProvider time, CancellationToken ct) =>
        {
            if (rooms.Find(room) is not { } r)
            {
                return NotFoundRoom(room);
            }

            var (body, unreadable) = await ReadBodyAsync<TBody>(request, ct);
            if (unreadable is not null)
            {
                return unreadable;
            }

            SessionCommand command;
            try
            {
                command = make(body, UserName(user), time.GetUtcNow());
            }
            catch (ArgumentException ex)
            {
                return Results.BadRequest(new ApiError(ex.Message));
            }

            return await Run(r, command, ct);
        }).RequireAuthorization(p => p.RequireRole(roles));

    /// <summary>
    /// The request's JSON body (null when it has none), or a 400 that says what is wrong with it. Read with the
    /// API's JSON options, as the framework would bind it: camelCase enums, names in any case.
    /// </summary>
    private static async Task<(TBody? Body, IResult? Error)> ReadBodyAsync<TBody>(HttpRequest request, CancellationToken ct)
        where TBody : class
    {
        if (!request.HasJsonContentType())
        {
            var canHaveBody = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody
                ?? request.ContentLength > 0;
            return canHaveBody
                ? (null, Results.BadRequest(new ApiError($"The request body must be JSON (Content-Type: application/json), not '{request.ContentType}'.")))
                : (null, null);
        }

        try
        {
            return (await request.ReadFromJsonAsync<TBody>(ct), null);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return (null, Results.BadRequest(new ApiError($"The request body is not valid JSON for this call: {ex.Message}")));
        }
    }

    private static async Task<IResult> Run(RoomRuntime room, SessionCommand command, CancellationToken ct)
    {
        try
        {
            var decisions = await room.SendAsync(command, ct);
            if (decisions.OfType<CommandRejected>().FirstOrDefault() is { } rejected)
            {
                return Results.Conflict(new ApiError($"Refused: {rejected.Reason}.", [rejected.Command]));
            }

            return Results.Json(new { sessionId = room.SessionId, decisions }, DecisionJson.Options);
        }
        catch (RoomConflictException ex)
        {
            return Results.Conflict(new ApiError(ex.Message));
        }
    }

    private static IResult NotFoundRoom(string room) => Results.NotFound(new ApiError($"No room '{room}' on this service."));

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}

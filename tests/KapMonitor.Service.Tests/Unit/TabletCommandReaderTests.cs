using System.Text;
using System.Text.Json;
using KapMonitor.Service.Api.Auth;
using KapMonitor.Service.Forwarding;

namespace KapMonitor.Service.Tests.Unit;

public sealed class TabletCommandReaderTests
{
    private const string TherapistToken = "therapist-token-0123456789";
    private const string PrescriberToken = "prescriber-token-0123456789";
    private const string AdminToken = "admin-token-0123456789";

    private static readonly TabletCommandReader s_reader = new(new UserStore(
    [
        new UserRecord { Name = "therapist-ana", Role = Roles.Therapist, TokenHash = PasswordHash.HashToken(TherapistToken) },
        new UserRecord { Name = "dr-lee", Role = Roles.Prescriber, TokenHash = PasswordHash.HashToken(PrescriberToken) },
        new UserRecord { Name = "it-sam", Role = Roles.Admin, TokenHash = PasswordHash.HashToken(AdminToken) },
        new UserRecord { Name = "therapist-bo", Role = Roles.Therapist, PasswordHash = PasswordHash.Hash("a password", iterations: 1) },
    ]));

    private static TabletCommandVerdict Read(string json, bool retained = false) => s_reader.Read(Encoding.UTF8.GetBytes(json), retained);

    [Theory]
    [InlineData("therapist-ana", TherapistToken)]
    [InlineData("dr-lee", PrescriberToken)]
    public void A_clinician_with_their_token_may_acknowledge(string user, string token)
    {
        var verdict = Read($$"""{"command":"acknowledge","alarmId":"a-7","user":"{{user}}","token":"{{token}}","requestId":"tab-1/42"}""");

        Assert.True(verdict.Accepted, verdict.Reason);
        Assert.Equal(("tab-1/42", "acknowledge", "a-7", user), (verdict.RequestId, verdict.Command, verdict.AlarmId, verdict.User));
        var at = new DateTimeOffset(2026, 11, 21, 15, 4, 5, TimeSpan.Zero);
        Assert.Equal(new KapMonitor.Core.Clinical.Engine.AcknowledgeAlarm(at, user, "a-7"), verdict.ToCommand(at));
    }

    [Fact]
    public void The_request_id_is_optional_and_unknown_fields_are_ignored()
    {
        var verdict = Read($$"""{"command":"acknowledge","alarmId":"a-7","user":"therapist-ana","token":"{{TherapistToken}}","tablet":"t-3"}""");

        Assert.True(verdict.Accepted, verdict.Reason);
        Assert.Null(verdict.RequestId);
    }

    [Theory]
    [InlineData("silence")]
    [InlineData("pause")]
    [InlineData("pause-audio")]
    [InlineData("pauseAudio")]
    [InlineData("mute")]
    [InlineData("disable")]
    [InlineData("end-session")]
    [InlineData("Acknowledge")]
    [InlineData("acknowledge ")]
    public void Anything_but_acknowledge_is_refused_even_from_a_valid_user(string command)
    {
        var verdict = Read($$"""{"command":"{{command}}","alarmId":"a-7","user":"therapist-ana","token":"{{TherapistToken}}","requestId":"r-1"}""");

        AssertRefused(verdict, CommandRefusal.UnsupportedCommand);
        Assert.Equal(command, verdict.Command);
        Assert.Equal("r-1", verdict.RequestId);
        Assert.Contains("bedside", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"command":"acknowledge",""")]
    [InlineData("""{"command":"acknowledge"} trailing""")]
    [InlineData("""{"command":"acknowledge","command":"silence"}""")]
    [InlineData("[]")]
    [InlineData("\"acknowledge\"")]
    [InlineData("null")]
    [InlineData("""{"command":7}""")]
    [InlineData("""{"command":"acknowledge","alarmId":7,"user":"therapist-ana","token":"x"}""")]
    [InlineData("""{"command":"acknowledge","alarmId":"a-7","user":["therapist-ana"],"token":"x"}""")]
    [InlineData("""{"command":"acknowledge","alarmId":"a-7","user":"therapist-ana","token":{"t":1}}""")]
    [InlineData("""{"command":"acknowledge","requestId":42}""")]
    public void Malformed_json_is_refused(string json) => AssertRefused(Read(json), CommandRefusal.Malformed);

    [Fact]
    public void A_duplicate_field_cannot_smuggle_a_second_command()
    {
        var verdict = Read($$"""{"command":"silence","command":"acknowledge","alarmId":"a-7","user":"therapist-ana","token":"{{TherapistToken}}"}""");

        AssertRefused(verdict, CommandRefusal.Malformed);
    }

    [Fact]
    public void An_oversized_payload_is_refused_unread()
    {
        var json = $$"""{"command":"acknowledge","alarmId":"{{new string('a', TabletCommandReader.MaxPayloadBytes)}}","user":"therapist-ana","token":"{{TherapistToken}}"}""";

        AssertRefused(Read(json), CommandRefusal.Malformed);
    }

    [Fact]
    public void An_overlong_request_id_is_refused()
    {
        var json = $$"""{"requestId":"{{new string('r', TabletCommandReader.MaxRequestIdLength + 1)}}","command":"acknowledge","alarmId":"a-7","user":"therapist-ana","token":"{{TherapistToken}}"}""";

        var verdict = Read(json);

        AssertRefused(verdict, CommandRefusal.Malformed);
        Assert.Null(verdict.RequestId);
    }

    [Theory]
    [InlineData("""{"alarmId":"a-7","user":"therapist-ana","token":"t"}""", "command")]
    [InlineData("""{"command":"","alarmId":"a-7","user":"therapist-ana","token":"t"}""", "command")]
    [InlineData("""{"command":null,"alarmId":"a-7","user":"therapist-ana","token":"t"}""", "command")]
    [InlineData("""{"command":"acknowledge","user":"therapist-ana","token":"t"}""", "alarmId")]
    [InlineData("""{"command":"acknowledge","alarmId":"","user":"therapist-ana","token":"t"}""", "alarmId")]
    [InlineData("""{"command":"acknowledge","alarmId":"a-7","token":"t"}""", "user")]
    [InlineData("""{"command":"acknowledge","alarmId":"a-7","user":null,"token":"t"}""", "user")]
    [InlineData("""{"command":"acknowledge","alarmId":"a-7","user":"therapist-ana"}""", "token")]
    [InlineData("""{"command":"acknowledge","alarmId":"a-7","user":"therapist-ana","token":""}""", "token")]
    [InlineData("""{"command":"acknowledge"}""", "alarmId, user, token")]
    public void Missing_fields_are_refused_and_named(string json, string named)
    {
        var verdict = Read(json);

        AssertRefused(verdict, CommandRefusal.MissingField);
        Assert.StartsWith(named, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retained_command_is_refused()
    {
        var verdict = Read($$"""{"command":"acknowledge","alarmId":"a-7","user":"therapist-ana","token":"{{TherapistToken}}","requestId":"r-9"}""", retained: true);

        AssertRefused(verdict, CommandRefusal.Retained);
        Assert.Equal("r-9", verdict.RequestId);
    }

    [Theory]
    [InlineData("nobody", TherapistToken)] // unknown user, even with a valid token of someone else
    [InlineData("therapist-ana", "wrong-token")]
    [InlineData("therapist-ana", PrescriberToken)] // another user's token
    [InlineData("THERAPIST-ANA", TherapistToken)] // names are exact
    [InlineData("therapist-bo", "a password")] // a password is not a token
    public void An_unknown_user_or_a_wrong_token_is_refused_with_one_answer(string user, string token)
    {
        var verdict = Read($$"""{"command":"acknowledge","alarmId":"a-7","user":"{{user}}","token":"{{token}}"}""");

        AssertRefused(verdict, CommandRefusal.Unauthenticated);
        Assert.Equal("Unknown user or wrong token; use the user's API token from the users file.", verdict.Reason);
    }

    [Fact]
    public void An_admin_may_not_acknowledge()
    {
        var verdict = Read($$"""{"command":"acknowledge","alarmId":"a-7","user":"it-sam","token":"{{AdminToken}}"}""");

        AssertRefused(verdict, CommandRefusal.Forbidden);
        Assert.Contains("therapist or prescriber", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_refusal_repeats_the_token()
    {
        string[] payloads =
        [
            $$"""{"command":"silence","alarmId":"a-7","user":"therapist-ana","token":"{{TherapistToken}}"}""",
            """{"command":"acknowledge","alarmId":"a-7","user":"therapist-ana","token":"secret-token-xyz"}""",
            """{"command":"acknowledge","alarmId":"a-7","user":"therapist-ana","token":"secret-token-xyz""",
            """{"command":"acknowledge","alarmId":"a-7","user":"therapist-ana","token":"secret-token-xyz","token":"secret-token-xyz"}""",
        ];
        foreach (var payload in payloads)
        {
            var verdict = Read(payload);
            var result = Encoding.UTF8.GetString(CommandResultPayload.Build(verdict, "clinic-a", "room-1", DateTimeOffset.UnixEpoch));
            Assert.False(verdict.Accepted);
            Assert.DoesNotContain("secret-token", result, StringComparison.Ordinal);
            Assert.DoesNotContain(TherapistToken, result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Only_an_accepted_acknowledgement_becomes_an_engine_command() =>
        Assert.Throws<InvalidOperationException>(() => Read("""{"command":"silence"}""").ToCommand(DateTimeOffset.UnixEpoch));

    [Fact]
    public void The_result_payload_echoes_the_request_and_says_why()
    {
        var verdict = Read("""{"command":"acknowledge","alarmId":"a-7","user":"nobody","token":"t","requestId":"r-5"}""");

        var result = JsonDocument.Parse(CommandResultPayload.Build(verdict, "clinic-a", "room-1", new DateTimeOffset(2026, 11, 21, 15, 4, 5, TimeSpan.Zero))).RootElement;

        Assert.Equal(
            """{"schema":"kapmonitor.command-result/1","site":"clinic-a","room":"room-1","requestId":"r-5","command":"acknowledge","alarmId":"a-7","accepted":false,"reason":"unauthenticated","message":"Unknown user or wrong token; use the user\u0027s API token from the users file.","time":"2026-11-21T15:04:05Z"}""",
            result.GetRawText());
    }

    [Fact]
    public void An_accepted_result_has_no_reason()
    {
        var verdict = Read($$"""{"command":"acknowledge","alarmId":"a-7","user":"dr-lee","token":"{{PrescriberToken}}"}""");

        var result = JsonDocument.Parse(CommandResultPayload.Build(verdict, "clinic-a", "room-1", DateTimeOffset.UnixEpoch)).RootElement;

        Assert.True(result.GetProperty("accepted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("reason").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("requestId").ValueKind);
    }

    [Theory]
    [InlineData(CommandRefusal.Malformed, "malformed")]
    [InlineData(CommandRefusal.MissingField, "missing-field")]
    [InlineData(CommandRefusal.UnsupportedCommand, "unsupported-command")]
    [InlineData(CommandRefusal.Retained, "retained")]
    [InlineData(CommandRefusal.Unauthenticated, "unauthenticated")]
    [InlineData(CommandRefusal.Forbidden, "forbidden")]
    [InlineData(CommandRefusal.Rejected, "rejected")]
    [InlineData(CommandRefusal.Failed, "failed")]
    public void Refusals_have_stable_wire_names(CommandRefusal refusal, string wire) => Assert.Equal(wire, CommandResultPayload.ToWire(refusal));

    private static void AssertRefused(TabletCommandVerdict verdict, CommandRefusal expected)
    {
        Assert.False(verdict.Accepted);
        Assert.Equal(expected, verdict.Refusal);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
    }
}

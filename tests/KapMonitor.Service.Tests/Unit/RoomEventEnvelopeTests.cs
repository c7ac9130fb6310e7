using System.Text.Json;
using KapMonitor.Service.Forwarding;
using KapMonitor.Service.Pipeline;
using KapMonitor.Storage;

namespace KapMonitor.Service.Tests.Unit;

public sealed class RoomEventEnvelopeTests
{
    private static readonly RoomTopics s_topics = new("clinic-a", "room-1");

    private static ClinicalRecord Record(string kind, string payload) =>
        new("room-1", 42, kind, new DateTimeOffset(2026, 11, 21, 15, 4, 5, TimeSpan.Zero), "s-1", payload, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);

    [Theory]
    [InlineData("""{"type":"alarmRaised"}""", "kapmonitor/v1/clinic-a/room-1/alarms", "alarm.raised", false)]
    [InlineData("""{"type":"alarmEscalated"}""", "kapmonitor/v1/clinic-a/room-1/alarms", "alarm.escalated", false)]
    [InlineData("""{"type":"dischargeReadinessChanged"}""", "kapmonitor/v1/clinic-a/room-1/discharge", "discharge.readiness-changed", false)]
    [InlineData("""{"type":"dischargeCleared"}""", "kapmonitor/v1/clinic-a/room-1/discharge", "discharge.cleared", false)]
    [InlineData("""{"type":"measurementDue"}""", "kapmonitor/v1/clinic-a/room-1/session", "session.measurement-due", false)]
    public void Decisions_route_to_their_topic(string payload, string topic, string type, bool retain) =>
        Assert.Equal((topic, type, retain), RoomEventEnvelope.Route(Record(JournalKinds.Decision, payload), s_topics));

    [Fact]
    public void The_session_state_is_retained() =>
        Assert.Equal((s_topics.Session, "session.state", true), RoomEventEnvelope.Route(Record(JournalKinds.SessionState, "{}"), s_topics));

    [Theory]
    [InlineData(JournalKinds.Command, """{"type":"acknowledgeAlarm"}""")]
    [InlineData(JournalKinds.Decision, """{"type":"commandRejected"}""")]
    [InlineData(JournalKinds.ProtocolVersion, """{}""")]
    public void Commands_refusals_and_protocol_versions_are_not_published(string kind, string payload) =>
        Assert.Null(RoomEventEnvelope.Route(Record(kind, payload), s_topics));

    [Fact]
    public void The_envelope_carries_a_stable_event_id_and_no_patient_reference()
    {
        var payload = """{"type":"sessionStarted","session":{"sessionId":"s-1","patientRef":"c-7f3a","nested":[{"patientRef":"x"}]}}""";
        var envelope = JsonDocument.Parse(RoomEventEnvelope.Build(Record(JournalKinds.Decision, payload), "clinic-a", "session.started")).RootElement;
        Assert.Equal("kapmonitor.event/1", envelope.GetProperty("schema").GetString());
        Assert.Equal("clinic-a/room-1/42", envelope.GetProperty("eventId").GetString());
        Assert.Equal(42, envelope.GetProperty("seq").GetInt64());
        Assert.Equal("2026-11-21T15:04:05.0000000Z", envelope.GetProperty("time").GetString());
        Assert.Equal("s-1", envelope.GetProperty("sessionId").GetString());
        Assert.DoesNotContain("patientRef", envelope.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("c-7f3a", envelope.GetRawText(), StringComparison.Ordinal);
    }
}

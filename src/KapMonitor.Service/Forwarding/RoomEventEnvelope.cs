using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KapMonitor.Service.Pipeline;
using KapMonitor.Storage;

namespace KapMonitor.Service.Forwarding;

/// <summary>Where a journaled record goes on MQTT, and its envelope (docs/mqtt-events.md).</summary>
public static class RoomEventEnvelope
{
    /// <summary>Envelope schema id.</summary>
    public const string Schema = "kapmonitor.event/1";

    /// <summary>
    /// The topic, event type and retain flag of <paramref name="record"/>, or null when the record is not
    /// published (commands, protocol versions, refused commands).
    /// </summary>
    public static (string Topic, string Type, bool Retain)? Route(ClinicalRecord record, RoomTopics topics)
    {
        if (record.Kind == JournalKinds.SessionState)
        {
            return (topics.Session, "session.state", true);
        }

        if (record.Kind != JournalKinds.Decision)
        {
            return null;
        }

        var type = JournalKinds.DecisionType(record.PayloadJson);
        return type switch
        {
            "alarmRaised" => (topics.Alarms, "alarm.raised", false),
            "alarmEscalated" => (topics.Alarms, "alarm.escalated", false),
            "alarmAcknowledged" => (topics.Alarms, "alarm.acknowledged", false),
            "alarmAudioPaused" => (topics.Alarms, "alarm.audio-paused", false),
            "alarmAudioResounded" => (topics.Alarms, "alarm.resounded", false),
            "alarmConditionChanged" => (topics.Alarms, "alarm.condition-changed", false),
            "alarmCleared" => (topics.Alarms, "alarm.cleared", false),
            "dischargeReadinessChanged" => (topics.Discharge, "discharge.readiness-changed", false),
            "dischargeCleared" => (topics.Discharge, "discharge.cleared", false),
            "sessionStarted" => (topics.Session, "session.started", false),
            "sessionEnded" => (topics.Session, "session.ended", false),
            "gateChanged" => (topics.Session, "session.gate-changed", false),
            "doseRecorded" => (topics.Session, "session.dose-recorded", false),
            "infusionEnded" => (topics.Session, "session.infusion-ended", false),
            "measurementDue" => (topics.Session, "session.measurement-due", false),
            "attestationRecorded" => (topics.Session, "session.attestation-recorded", false),
            _ => null,
        };
    }

    /// <summary>
    /// The UTF-8 envelope. The pseudonymous patient reference is removed: nothing that identifies a patient
    /// goes on the wire, even indirectly.
    /// </summary>
    public static byte[] Build(ClinicalRecord record, string site, string type)
    {
        var data = JsonNode.Parse(record.PayloadJson);
        StripPatientRef(data);
        var envelope = new JsonObject
        {
            ["schema"] = Schema,
            ["eventId"] = $"{site}/{record.Room}/{record.Seq}",
            ["seq"] = record.Seq,
            ["time"] = record.At.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["site"] = site,
            ["room"] = record.Room,
            ["sessionId"] = record.SessionId,
            ["type"] = type,
            ["data"] = data,
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    private static void StripPatientRef(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove("patientRef");
                foreach (var (_, child) in o)
                {
                    StripPatientRef(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    StripPatientRef(child);
                }

                break;
        }
    }
}

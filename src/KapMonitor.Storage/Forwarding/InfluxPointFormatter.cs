using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using KapMonitor.Core.Observations;
using KapMonitor.Influx;

namespace KapMonitor.Storage;

/// <summary>
/// Turns journal records into InfluxDB points (schema in docs/influx-schema.md). Timestamps are the record's
/// UTC instant in nanoseconds plus <c>seq mod 100</c>: .NET instants are whole 100 ns ticks, so the
/// two low decimal digits are free, and the offset makes two records of one series in the same tick distinct
/// points while a replay writes the very same timestamp again (idempotent overwrite, observed on InfluxDB 1.6.7).
/// </summary>
public static class InfluxPointFormatter
{
    /// <summary>Measurement of observations.</summary>
    public const string VitalsMeasurement = "vitals";

    /// <summary>Measurement of device status events.</summary>
    public const string DeviceStatusMeasurement = "device_status";

    /// <summary>Measurement of clinical records.</summary>
    public const string ClinicalMeasurement = "clinical";

    /// <summary>The point timestamp (ns) of a record at <paramref name="at"/> with sequence number <paramref name="seq"/>.</summary>
    public static long Timestamp(DateTimeOffset at, long seq) => UnixNanos.From(at) + (seq % 100);

    /// <summary>Writes one <c>vitals</c> point.</summary>
    public static void Write(LineProtocolWriter writer, in JournaledObservation record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var o = record.Observation;
        writer.Measurement(VitalsMeasurement)
            .Tag("device", o.DeviceId)
            .Tag("metric", MetricNames.ToWire(o.Metric))
            .Tag("room", record.Room);
        // Line protocol has no NaN: an invalid value is a point without the value field (validity says why).
        if (double.IsFinite(o.Value))
        {
            writer.Field("value", o.Value);
        }

        writer.Field("validity", ValidityName(o.Validity))
            .Field("flags", (long)o.Flags)
            .Field("seq", record.Seq)
            .Field("unit", o.Metric == Metric.None ? "1" : o.Unit);
        if (o.DeviceTime is { } deviceTime)
        {
            writer.Field("device_time_ns", UnixNanos.From(deviceTime));
        }

        if (o.OriginalValue is { } original && double.IsFinite(original))
        {
            writer.Field("original_value", original);
        }

        if (!string.IsNullOrEmpty(o.OriginalUnit))
        {
            writer.Field("original_unit", o.OriginalUnit);
        }

        writer.EndLine(Timestamp(o.ReceivedAt, record.Seq));
    }

    /// <summary>Writes one <c>device_status</c> point.</summary>
    public static void Write(LineProtocolWriter writer, in JournaledStatusEvent record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var s = record.Status;
        writer.Measurement(DeviceStatusMeasurement)
            .Tag("condition", ConditionNames.ToWire(s.Condition))
            .Tag("device", s.DeviceId)
            .Tag("room", record.Room)
            .Field("active", s.Active)
            .Field("code", s.Code)
            .Field("seq", record.Seq);
        if (!string.IsNullOrEmpty(s.Detail))
        {
            writer.Field("detail", s.Detail);
        }

        writer.EndLine(Timestamp(s.At, record.Seq));
    }

    /// <summary>Writes one <c>clinical</c> point; the payload is compacted onto one line when it spans several.</summary>
    public static void Write(LineProtocolWriter writer, ClinicalRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.Measurement(ClinicalMeasurement)
            .Tag("kind", record.Kind)
            .Tag("room", record.Room)
            .Tag("session", record.SessionId ?? "")
            .Field("seq", record.Seq)
            .Field("hash", record.HashHex)
            .Field("payload", OneLine(record.PayloadJson))
            .EndLine(Timestamp(record.At, record.Seq));
    }

    private static string ValidityName(Validity validity) => validity switch
    {
        Validity.Valid => "valid",
        Validity.Questionable => "questionable",
        _ => "invalid",
    };

    private static string OneLine(string json)
    {
        if (json.AsSpan().IndexOfAny('\n', '\r') < 0)
        {
            return json;
        }

        // Raw line breaks in JSON can only be insignificant whitespace (inside strings they are escaped), so
        // re-emitting the document without indentation keeps its meaning. The journal keeps the original bytes.
        using var doc = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var jsonWriter = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            doc.WriteTo(jsonWriter);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

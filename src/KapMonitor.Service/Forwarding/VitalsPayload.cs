using System.Buffers;
using System.Text.Json;
using KapMonitor.Core.Observations;

namespace KapMonitor.Service.Forwarding;

/// <summary>
/// Builds the <c>kapmonitor.vitals/1</c> payload of one reading (docs/mqtt-events.md). One per room: it reuses its
/// writer and buffer, so it must be called from one thread at a time (the room loop). Property names, the site and
/// room are encoded once; whole-number values, the common case, skip the shortest-round-trip double formatting.
/// </summary>
public sealed class VitalsPayload
{
    private static readonly JsonEncodedText s_schemaName = JsonEncodedText.Encode("schema");
    private static readonly JsonEncodedText s_schema = JsonEncodedText.Encode("kapmonitor.vitals/1");
    private static readonly JsonEncodedText s_siteName = JsonEncodedText.Encode("site");
    private static readonly JsonEncodedText s_roomName = JsonEncodedText.Encode("room");
    private static readonly JsonEncodedText s_deviceName = JsonEncodedText.Encode("device");
    private static readonly JsonEncodedText s_metricName = JsonEncodedText.Encode("metric");
    private static readonly JsonEncodedText s_valueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText s_unitName = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText s_validityName = JsonEncodedText.Encode("validity");
    private static readonly JsonEncodedText s_flagsName = JsonEncodedText.Encode("flags");
    private static readonly JsonEncodedText s_timeName = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText s_loincName = JsonEncodedText.Encode("loinc");
    private static readonly JsonEncodedText s_mdcName = JsonEncodedText.Encode("mdc");
    private static readonly JsonEncodedText s_valid = JsonEncodedText.Encode("valid");
    private static readonly JsonEncodedText s_questionable = JsonEncodedText.Encode("questionable");
    private static readonly JsonEncodedText s_invalid = JsonEncodedText.Encode("invalid");

    // Every named flag with its wire name (camelCase of the enum member), in bit order.
    private static readonly (ObservationFlags Flag, JsonEncodedText Name)[] s_flags =
        [.. Enum.GetValues<ObservationFlags>()
            .Where(f => f != ObservationFlags.None)
            .Select(f => (f, JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(f.ToString()))))];

    private readonly JsonEncodedText _site;
    private readonly JsonEncodedText _room;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    public VitalsPayload(string site, string room)
    {
        _site = JsonEncodedText.Encode(site);
        _room = JsonEncodedText.Encode(room);
        _writer = new Utf8JsonWriter(_buffer);
    }

    /// <summary>The UTF-8 payload of <paramref name="o"/>, in a new array.</summary>
    public byte[] Build(in Observation o, MetricInfo info)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        var w = _writer;
        w.WriteStartObject();
        w.WriteString(s_schemaName, s_schema);
        w.WriteString(s_siteName, _site);
        w.WriteString(s_roomName, _room);
        w.WriteString(s_deviceName, o.DeviceId);
        w.WriteString(s_metricName, info.Name);
        if (o.Validity == Validity.Invalid || !double.IsFinite(o.Value))
        {
            w.WriteNull(s_valueName);
        }
        else if (IsWholeNumber(o.Value))
        {
            // Same text as the double's shortest round-trip form ("97"), without its formatting cost.
            w.WriteNumber(s_valueName, (long)o.Value);
        }
        else
        {
            w.WriteNumber(s_valueName, o.Value);
        }

        w.WriteString(s_unitName, info.Ucum);
        w.WriteString(s_validityName, o.Validity switch { Validity.Valid => s_valid, Validity.Questionable => s_questionable, _ => s_invalid });
        w.WriteStartArray(s_flagsName);
        if (o.Flags != ObservationFlags.None)
        {
            foreach (var (flag, name) in s_flags)
            {
                if ((o.Flags & flag) != 0)
                {
                    w.WriteStringValue(name);
                }
            }
        }

        w.WriteEndArray();
        w.WriteString(s_timeName, o.ReceivedAt.UtcDateTime);
        if (info.Loinc is not null)
        {
            w.WriteString(s_loincName, info.Loinc);
        }

        w.WriteNumber(s_mdcName, info.MdcCode);
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    // Whole numbers below 1e15 print identically as long and as double (from 1e15 the double form is "1E+15");
    // -0 prints "-0" as a double, so it is excluded.
    private static bool IsWholeNumber(double value) =>
        Math.Abs(value) < 1e15 && value == Math.Floor(value) && !(value == 0 && double.IsNegative(value));
}

using System.Buffers;
using System.Text.Json;
using KapMonitor.Core.Observations;

namespace KapMonitor.Service.Forwarding;

/// <summary>The <c>kapmonitor.vitals/1</c> payload of one reading (docs/mqtt-events.md).</summary>
public static class VitalsPayload
{
    public static byte[] Build(string site, string room, in Observation o, MetricInfo info)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("schema", "kapmonitor.vitals/1");
            w.WriteString("site", site);
            w.WriteString("room", room);
            w.WriteString("device", o.DeviceId);
            w.WriteString("metric", info.Name);
            if (o.Validity == Validity.Invalid || !double.IsFinite(o.Value))
            {
                w.WriteNull("value");
            }
            else
            {
                w.WriteNumber("value", o.Value);
            }

            w.WriteString("unit", info.Ucum);
            w.WriteString("validity", o.Validity switch { Validity.Valid => "valid", Validity.Questionable => "questionable", _ => "invalid" });
            w.WriteStartArray("flags");
            foreach (var flag in Enum.GetValues<ObservationFlags>())
            {
                if (flag != ObservationFlags.None && o.Flags.HasFlag(flag))
                {
                    w.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(flag.ToString()));
                }
            }

            w.WriteEndArray();
            w.WriteString("time", o.ReceivedAt.UtcDateTime);
            if (info.Loinc is not null)
            {
                w.WriteString("loinc", info.Loinc);
            }

            w.WriteNumber("mdc", info.MdcCode);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

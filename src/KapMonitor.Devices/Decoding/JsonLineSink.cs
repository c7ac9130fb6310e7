using System.Buffers;
using System.Text;
using System.Text.Json;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Devices.Decoding;

/// <summary>
/// Writes every decoded item as one JSON object per line. Every line has the keys <c>type</c>,
/// <c>metric</c>, <c>value</c>, <c>unit</c>, <c>validity</c>, <c>flags</c> and <c>deviceTime</c>
/// (null or empty where they do not apply) plus type-specific keys.
/// </summary>
public sealed class JsonLineSink : IDecodeSink
{
    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);

    /// <summary>Creates a sink writing to <paramref name="output"/>.</summary>
    public JsonLineSink(TextWriter output) => _output = output;

    /// <summary>How many lines were written.</summary>
    public int Lines { get; private set; }

    /// <inheritdoc />
    public void OnObservation(in Observation observation)
    {
        var o = observation;
        Write(w =>
        {
            w.WriteString("type", "observation");
            w.WriteString("metric", MetricCatalog.Get(o.Metric).Name);
            if (double.IsFinite(o.Value))
            {
                w.WriteNumber("value", o.Value);
            }
            else
            {
                w.WriteNull("value");
            }

            w.WriteString("unit", o.Unit);
            w.WriteString("validity", SnakeCase(o.Validity.ToString()));
            WriteFlags(w, o.Flags);
            WriteTime(w, "deviceTime", o.DeviceTime);
            w.WriteString("deviceId", o.DeviceId);
            if (o.OriginalValue is { } original)
            {
                w.WriteNumber("originalValue", original);
                w.WriteString("originalUnit", o.OriginalUnit);
            }
        });
    }

    /// <inheritdoc />
    public void OnStatus(in DeviceStatusEvent status)
    {
        var s = status;
        Write(w =>
        {
            w.WriteString("type", "status");
            WriteEmptyObservationKeys(w);
            w.WriteString("condition", SnakeCase(s.Condition.ToString()));
            w.WriteBoolean("active", s.Active);
            w.WriteNumber("code", s.Code);
            w.WriteString("detail", s.Detail);
            w.WriteString("deviceId", s.DeviceId);
        });
    }

    /// <inheritdoc />
    public void OnProtocolError(in ProtocolError error)
    {
        var e = error;
        Write(w =>
        {
            w.WriteString("type", "error");
            WriteEmptyObservationKeys(w);
            w.WriteString("kind", SnakeCase(e.Kind.ToString()));
            w.WriteNumber("byteCount", e.ByteCount);
            w.WriteString("detail", e.Detail);
        });
    }

    /// <summary>Writes an error line that is not a protocol error (unknown protocol, bad hex, bad options).</summary>
    public void OnToolError(string kind, string detail) => Write(w =>
    {
        w.WriteString("type", "error");
        WriteEmptyObservationKeys(w);
        w.WriteString("kind", kind);
        w.WriteNumber("byteCount", 0);
        w.WriteString("detail", detail);
    });

    /// <summary>snake_case of a PascalCase enum name: <c>ProbeOff</c> → <c>probe_off</c>.</summary>
    public static string SnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static void WriteEmptyObservationKeys(Utf8JsonWriter w)
    {
        w.WriteNull("metric");
        w.WriteNull("value");
        w.WriteNull("unit");
        w.WriteNull("validity");
        w.WriteStartArray("flags");
        w.WriteEndArray();
        w.WriteNull("deviceTime");
    }

    private static void WriteFlags(Utf8JsonWriter w, ObservationFlags flags)
    {
        w.WriteStartArray("flags");
        foreach (var flag in Enum.GetValues<ObservationFlags>())
        {
            if (flag != ObservationFlags.None && (flags & flag) == flag)
            {
                w.WriteStringValue(SnakeCase(flag.ToString()));
            }
        }

        w.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            w.WriteString(name, t.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private void Write(Action<Utf8JsonWriter> body)
    {
        _buffer.Clear();
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        _output.WriteLine(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        Lines++;
    }
}

using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;

namespace KapMonitor.Devices.Protocols.Masimo;

/// <summary>
/// Masimo Rad-8 / Radical-7 / Rad-87 "ASCII 1" serial output (Rad-87 manual, remkolems/masimo-datacapture): one CR LF
/// line per second, <c>MM/DD/YY hh:mm:ss</c> then <c>KEY=value</c> tokens whose set varies by model, so
/// lines are parsed by key, never by column. Understood keys: SPO2/SpO2, BPM/PR, PI, EXC; others are
/// ignored. <c>---</c>/<c>--.-</c> mean no data. ALARM bits are proprietary (⚠) and ignored.
/// The device clock has no zone; it is read as UTC.
/// </summary>
public sealed class MasimoAsciiProtocol : IDeviceProtocol
{
    /// <summary>Longest line accepted; longer runs without LF are dropped as truncated.</summary>
    public const int MaxLineLength = 512;

    private readonly string _deviceId;
    private readonly StatusEdgeTracker _edges;

    /// <summary>Creates a decoder for one device link.</summary>
    public MasimoAsciiProtocol(ProtocolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _deviceId = context.DeviceId;
        _edges = new StatusEdgeTracker(context.DeviceId);
        ProtocolOptionsReader.RejectUnknown(context.Options, "masimo-ascii");
    }

    /// <inheritdoc />
    public string ProtocolId => "masimo-ascii";

    /// <inheritdoc />
    public TimeSpan? TickInterval => null;

    /// <inheritdoc />
    public int WriteCommands(in ProtocolTick tick, Span<byte> output) => 0;

    /// <inheritdoc />
    public bool WritesAfterDecode => false;

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> input, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var pos = 0;
        while (pos < input.Length)
        {
            var rest = input[pos..];
            var lf = rest[..Math.Min(rest.Length, MaxLineLength + 2)].IndexOf((byte)'\n');
            if (lf < 0)
            {
                if (rest.Length <= MaxLineLength + 1)
                {
                    break; // Partial line: wait for its end.
                }

                sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Truncated, MaxLineLength, "Masimo line longer than 512 bytes without CR LF"));
                pos += MaxLineLength;
                continue;
            }

            var line = rest[..lf];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            OnLine(line, lf + 1, receivedAt, sink);
            pos += lf + 1;
        }

        return pos;
    }

    private void OnLine(ReadOnlySpan<byte> line, int consumed, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        if (line.Trim((byte)' ').IsEmpty)
        {
            return;
        }

        var reading = MasimoLine.Parse(line);
        if (!reading.HasAnyMetric)
        {
            sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Malformed, consumed, "Masimo line without SPO2/BPM/PR/PI"));
            return;
        }

        var flags = MasimoExceptionBits.ToFlags(reading.Exceptions);
        _edges.Update(flags, receivedAt, sink);
        Emit(Metric.Spo2, reading.Spo2, flags, reading, receivedAt, sink);
        Emit(Metric.PulseRate, reading.PulseRate, flags, reading, receivedAt, sink);
        Emit(Metric.PerfusionIndex, reading.PerfusionIndex, flags, reading, receivedAt, sink);
    }

    private void Emit(Metric metric, MasimoLine.Field field, ObservationFlags flags, in MasimoLine reading, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        if (!field.Present)
        {
            return;
        }

        sink.OnObservation(ReadingRules.Create(_deviceId, metric, field.Value, flags, receivedAt, reading.DeviceTime));
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;

namespace KapMonitor.Devices.Protocols.Generic;

/// <summary>
/// A configurable line protocol for simple devices that print one reading per LF- or CR LF-terminated
/// line (see <see cref="GenericLineOptions"/>). Key/value mode does not allocate; regex mode allocates
/// one string per line (a regex needs one).
/// </summary>
public sealed class GenericLineProtocol : IDeviceProtocol
{
    /// <summary>Longest line accepted; longer runs without LF are dropped as truncated.</summary>
    public const int MaxLineLength = 1024;

    private readonly string _deviceId;
    private readonly GenericLineOptions _options;

    // Arrays, not the option lists: indexing them does not allocate an enumerator per line.
    private readonly (byte[] Key, Metric Metric)[] _keys;
    private readonly byte[][] _invalidTokens;

    /// <summary>Creates the protocol; throws <see cref="ArgumentException"/> when the options are invalid (profiles are validated on load).</summary>
    public GenericLineProtocol(ProtocolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _deviceId = context.DeviceId;
        _options = GenericLineOptions.TryParse(context.Options, out var options, out var error)
            ? options
            : throw new ArgumentException($"generic-line: {error}", nameof(context));
        _keys = [.. _options.Keys];
        _invalidTokens = [.. _options.InvalidTokens];
    }

    /// <inheritdoc />
    public string ProtocolId => "generic-line";

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
                    break;
                }

                sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Truncated, MaxLineLength, "line longer than 1024 bytes without LF"));
                pos += MaxLineLength;
                continue;
            }

            var line = rest[..lf];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (!line.Trim((byte)' ').IsEmpty)
            {
                var found = _options.Pattern is null ? DecodeKeyValues(line, receivedAt, sink) : DecodeRegex(line, receivedAt, sink);
                if (found == 0)
                {
                    sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Malformed, lf + 1, "line matched no configured metric"));
                }
            }

            pos += lf + 1;
        }

        return pos;
    }

    private int DecodeKeyValues(ReadOnlySpan<byte> line, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        var found = 0;
        foreach (var range in line.Split(_options.Delimiter))
        {
            var token = line[range];
            var eq = token.IndexOf(_options.Separator);
            if (eq <= 0)
            {
                continue;
            }

            var key = token[..eq].Trim((byte)' ');
            foreach (var (k, metric) in _keys)
            {
                if (Ascii.EqualsIgnoreCase(key, k))
                {
                    Emit(metric, token[(eq + 1)..], receivedAt, sink);
                    found++;
                    break;
                }
            }
        }

        return found;
    }

    private int DecodeRegex(ReadOnlySpan<byte> line, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        Match match;
        try
        {
            match = _options.Pattern!.Match(Encoding.UTF8.GetString(line));
        }
        catch (RegexMatchTimeoutException)
        {
            return 0;
        }

        if (!match.Success)
        {
            return 0;
        }

        var found = 0;
        Span<byte> utf8 = stackalloc byte[64];
        foreach (var (group, metric) in _options.Groups)
        {
            var g = match.Groups[group];
            if (!g.Success)
            {
                continue;
            }

            var value = g.ValueSpan;
            var n = Encoding.UTF8.GetBytes(value.Length <= 16 ? value : value[..16], utf8);
            Emit(metric, utf8[..n], receivedAt, sink);
            found++;
        }

        return found;
    }

    private void Emit(Metric metric, ReadOnlySpan<byte> raw, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        raw = raw.Trim((byte)' ');
        var value = double.NaN;
        var isInvalidToken = false;
        foreach (var token in _invalidTokens)
        {
            isInvalidToken |= raw.SequenceEqual(token);
        }

        if (!isInvalidToken)
        {
            // Take the numeric prefix: "98%" → 98, "12.5kPa" is not converted (units are the profile's job).
            var end = raw.IndexOfAnyExcept("0123456789.+-"u8);
            var number = end < 0 ? raw : raw[..end];
            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            {
                value = double.NaN;
            }
        }

        sink.OnObservation(ReadingRules.Create(_deviceId, metric, value, ObservationFlags.None, receivedAt));
    }
}

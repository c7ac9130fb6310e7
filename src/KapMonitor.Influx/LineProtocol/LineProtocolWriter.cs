using System.Buffers;
using System.Globalization;

namespace KapMonitor.Influx;

/// <summary>
/// Encodes points as InfluxDB line protocol (UTF-8) into an <see cref="IBufferWriter{T}"/>, one
/// <c>\n</c>-terminated line per point, without allocating per point.
/// </summary>
/// <remarks>
/// <para>A point is written as <see cref="Measurement"/>, then any number of <see cref="Tag"/> calls, then at
/// least one <c>Field</c> call, then one of the <c>EndLine</c> overloads. The line is assembled in an internal
/// pooled buffer and reaches the output only when it is complete, so a rejected element never leaves half a
/// line behind.</para>
/// <para>Rules (line protocol reference, InfluxDB 1.x; verified against 1.6.7):</para>
/// <list type="bullet">
/// <item>Escaping: measurement escapes comma and space; tag keys, tag values and field keys escape comma,
/// equals sign and space; string field values escape double quote and backslash.</item>
/// <item>A line break (<c>\n</c> or <c>\r</c>) in any name or value is rejected with an
/// <see cref="ArgumentException"/>: a newline ends the point and cannot be escaped.</item>
/// <item>In names and tag values a backslash may not be the last character nor precede a comma, equals sign,
/// space or double quote: InfluxDB 1.x would read it as an escape and store something else (or split the
/// line), so such text is rejected with an <see cref="ArgumentException"/>. Other backslashes are kept as is.</item>
/// <item>An empty tag value is not allowed by InfluxDB; <see cref="Tag"/> omits a tag whose value is empty.
/// Empty measurements, tag keys and field keys are rejected.</item>
/// <item>Tags are written in the order given. InfluxDB recommends sorting them by key (byte order); that is
/// the caller's job, the writer does not reorder.</item>
/// <item>Fields: <see cref="double"/> is written unsuffixed (a float), <see cref="long"/> with the <c>i</c>
/// suffix (an integer), <see cref="bool"/> as <c>t</c>/<c>f</c>, text as a quoted string. The unsigned
/// <c>u</c> suffix is never produced: InfluxDB 1.x rejects it. NaN and ±Infinity have no line-protocol form and
/// are rejected with an <see cref="ArgumentOutOfRangeException"/>; map them to a validity flag instead.</item>
/// <item>Invalid UTF-16 (a lone surrogate) is rejected rather than silently replaced.</item>
/// </list>
/// <para>Whenever a method throws <see cref="ArgumentException"/>, the line in progress is discarded and the
/// writer is ready for the next <see cref="Measurement"/>. Calling methods out of order throws
/// <see cref="InvalidOperationException"/>. Instances are not thread-safe.</para>
/// </remarks>
public sealed partial class LineProtocolWriter : IDisposable
{
    private const int InitialLineCapacity = 256;

    private readonly IBufferWriter<byte> _output;
    private byte[] _line;
    private int _length;
    private LineState _state;
    private bool _disposed;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    /// <param name="output">Destination of complete lines.</param>
    /// <param name="precision">Unit used by <see cref="EndLine(DateTimeOffset)"/>; must match the endpoint's precision.</param>
    public LineProtocolWriter(IBufferWriter<byte> output, InfluxPrecision precision = InfluxPrecision.Nanoseconds)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!Enum.IsDefined(precision))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision.");
        }

        _output = output;
        Precision = precision;
        _line = ArrayPool<byte>.Shared.Rent(InitialLineCapacity);
    }

    private enum LineState
    {
        Idle,
        Tags,
        Fields,
    }

    /// <summary>Timestamp unit used by <see cref="EndLine(DateTimeOffset)"/>.</summary>
    public InfluxPrecision Precision { get; }

    /// <summary>Number of complete lines written to the output so far.</summary>
    public long LineCount { get; private set; }

    /// <summary>True between <see cref="Measurement"/> and the matching <c>EndLine</c>.</summary>
    public bool IsLineOpen => _state != LineState.Idle;

    /// <summary>Starts a point with the given measurement name.</summary>
    /// <exception cref="ArgumentException">The name is empty, starts with <c>#</c> (a comment line), contains a line break, an ambiguous backslash or invalid UTF-16.</exception>
    /// <exception cref="InvalidOperationException">A line is already open.</exception>
    public LineProtocolWriter Measurement(ReadOnlySpan<char> name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_state != LineState.Idle)
        {
            throw new InvalidOperationException("The previous line is still open: call EndLine or DiscardLine before starting another measurement.");
        }

        if (name.IsEmpty)
        {
            Reject(nameof(name), "The measurement name must not be empty.");
        }

        if (name[0] == '#')
        {
            Reject(nameof(name), "The measurement name must not start with '#': InfluxDB reads such a line as a comment.");
        }

        _length = 0;
        _state = LineState.Tags;
        AppendEscaped(name, s_measurementSpecials, "measurement name", nameof(name));
        return this;
    }

    /// <summary>Adds a tag. A tag with an empty value is omitted, because InfluxDB does not allow empty tag values.</summary>
    /// <exception cref="ArgumentException">The key is empty, or the key or value contains a line break, an ambiguous backslash or invalid UTF-16.</exception>
    /// <exception cref="InvalidOperationException">No line is open, or fields were already written.</exception>
    public LineProtocolWriter Tag(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_state != LineState.Tags)
        {
            throw new InvalidOperationException(_state == LineState.Idle
                ? "Call Measurement before Tag."
                : "Tags must come before fields: call Tag before the first Field.");
        }

        if (key.IsEmpty)
        {
            Reject(nameof(key), "A tag key must not be empty.");
        }

        if (value.IsEmpty)
        {
            // Line protocol reference: "Tag values cannot be empty; instead, omit the tag from the point."
            ValidateName(key, "tag key", nameof(key));
            return this;
        }

        AppendByte((byte)',');
        AppendEscaped(key, s_keySpecials, "tag key", nameof(key));
        AppendByte((byte)'=');
        AppendEscaped(value, s_keySpecials, "tag value", nameof(value));
        return this;
    }

    /// <summary>Adds a float field (written without suffix).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    public LineProtocolWriter Field(ReadOnlySpan<char> key, double value)
    {
        if (!double.IsFinite(value))
        {
            EnsureFieldAllowed(key);
            DiscardLine();
            throw new ArgumentOutOfRangeException(nameof(value), value,
                "NaN and ±Infinity cannot be written in line protocol: record the reading's validity instead of the number, or leave the field out.");
        }

        BeginField(key);
        Span<byte> span = Reserve(32);
        // .NET formats doubles as the shortest round-trippable text ("1.5", "1E+20"), which InfluxDB parses as float.
        if (!value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A double did not fit in 32 bytes.");
        }

        _length += written;
        return this;
    }

    /// <summary>Adds an integer field (written with the <c>i</c> suffix).</summary>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    public LineProtocolWriter Field(ReadOnlySpan<char> key, long value)
    {
        BeginField(key);
        Span<byte> span = Reserve(21);
        if (!value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A long did not fit in 20 bytes.");
        }

        span[written] = (byte)'i';
        _length += written + 1;
        return this;
    }

    /// <summary>Adds a boolean field (written as <c>t</c> or <c>f</c>).</summary>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    public LineProtocolWriter Field(ReadOnlySpan<char> key, bool value)
    {
        BeginField(key);
        AppendByte(value ? (byte)'t' : (byte)'f');
        return this;
    }

    /// <summary>Adds a string field (written in double quotes, with <c>"</c> and <c>\</c> escaped).</summary>
    /// <exception cref="ArgumentException">The key is invalid, or the value contains a line break or invalid UTF-16.</exception>
    public LineProtocolWriter Field(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        BeginField(key);
        AppendByte((byte)'"');
        AppendEscaped(value, s_stringFieldSpecials, "string field value", nameof(value));
        AppendByte((byte)'"');
        return this;
    }

    /// <summary>Completes the point without a timestamp: the server stamps it on arrival.</summary>
    /// <exception cref="InvalidOperationException">No line is open or it has no field.</exception>
    public void EndLine()
    {
        EnsureCanEnd();
        Commit();
    }

    /// <summary>Completes the point with a timestamp already expressed in <see cref="Precision"/> units.</summary>
    /// <exception cref="InvalidOperationException">No line is open or it has no field.</exception>
    public void EndLine(long timestamp)
    {
        EnsureCanEnd();
        AppendByte((byte)' ');
        Span<byte> span = Reserve(20);
        timestamp.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        _length += written;
        Commit();
    }

    /// <summary>Completes the point with <paramref name="timestamp"/> converted to <see cref="Precision"/> units (truncated toward the past).</summary>
    /// <exception cref="InvalidOperationException">No line is open or it has no field.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside what InfluxDB can store; the line is discarded.</exception>
    public void EndLine(DateTimeOffset timestamp)
    {
        EnsureCanEnd();
        long value;
        try
        {
            value = LineProtocolTimestamp.From(timestamp, Precision);
        }
        catch (ArgumentOutOfRangeException)
        {
            DiscardLine();
            throw;
        }

        EndLine(value);
    }

    /// <summary>Drops the line in progress, if any; nothing of it reaches the output.</summary>
    public void DiscardLine()
    {
        _length = 0;
        _state = LineState.Idle;
    }

    /// <summary>Returns the pooled line buffer. The output keeps every line completed before.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _state = LineState.Idle;
        ArrayPool<byte>.Shared.Return(_line);
        _line = [];
    }

    private void EnsureFieldAllowed(ReadOnlySpan<char> key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_state == LineState.Idle)
        {
            throw new InvalidOperationException("Call Measurement before Field.");
        }

        if (key.IsEmpty)
        {
            Reject(nameof(key), "A field key must not be empty.");
        }
    }

    private void BeginField(ReadOnlySpan<char> key)
    {
        EnsureFieldAllowed(key);
        AppendByte(_state == LineState.Tags ? (byte)' ' : (byte)',');
        _state = LineState.Fields;
        AppendEscaped(key, s_keySpecials, "field key", nameof(key));
        AppendByte((byte)'=');
    }

    private void EnsureCanEnd()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_state != LineState.Fields)
        {
            throw new InvalidOperationException(_state == LineState.Idle
                ? "No line is open: call Measurement first."
                : "A point needs at least one field: call Field before EndLine.");
        }
    }

    private void Commit()
    {
        AppendByte((byte)'\n');
        Span<byte> destination = _output.GetSpan(_length);
        _line.AsSpan(0, _length).CopyTo(destination);
        _output.Advance(_length);
        LineCount++;
        DiscardLine();
    }

    private void AppendByte(byte value)
    {
        Reserve(1)[0] = value;
        _length++;
    }

    private Span<byte> Reserve(int count)
    {
        if (_line.Length - _length < count)
        {
            Grow(count);
        }

        return _line.AsSpan(_length);
    }

    private void Grow(int count)
    {
        int needed = checked(_length + count);
        int size = Math.Max(needed, checked(_line.Length * 2));
        byte[] bigger = ArrayPool<byte>.Shared.Rent(size);
        _line.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_line);
        _line = bigger;
    }
}

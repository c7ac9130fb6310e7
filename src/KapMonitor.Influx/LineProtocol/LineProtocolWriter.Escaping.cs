using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace KapMonitor.Influx;

// Escaping rules: line protocol reference (InfluxDB 1.x) "Special characters".
public sealed partial class LineProtocolWriter
{
    private static readonly SearchValues<char> s_measurementSpecials = SearchValues.Create(", ");
    private static readonly SearchValues<char> s_keySpecials = SearchValues.Create(",= ");
    private static readonly SearchValues<char> s_stringFieldSpecials = SearchValues.Create("\"\\");
    private static readonly SearchValues<char> s_lineBreaks = SearchValues.Create("\r\n");

    // InfluxDB 1.x unescapes "\," "\=" "\ " and "\"" in names (pkg/escape), and its scanner treats a backslash
    // as escaping whatever follows, so a trailing backslash would swallow the separator after the element.
    private static readonly SearchValues<char> s_afterBackslashAmbiguous = SearchValues.Create(",= \"");

    private void AppendEscaped(ReadOnlySpan<char> text, SearchValues<char> specials, string element, string paramName)
    {
        bool isStringField = ReferenceEquals(specials, s_stringFieldSpecials);
        if (isStringField)
        {
            RejectLineBreaks(text, element, paramName);
        }
        else
        {
            ValidateName(text, element, paramName);
        }

        // Worst case every char is escaped (2 chars) and every char takes 3 UTF-8 bytes.
        Span<byte> destination = Reserve(Encoding.UTF8.GetMaxByteCount(checked(text.Length * 2)));
        int start = _length;
        while (true)
        {
            int index = text.IndexOfAny(specials);
            ReadOnlySpan<char> segment = index < 0 ? text : text[..index];
            if (Utf8.FromUtf16(segment, destination, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                _length = start;
                Reject(paramName, $"The {element} is not valid UTF-16 (it contains a lone surrogate).");
            }

            destination = destination[written..];
            _length += written;
            if (index < 0)
            {
                return;
            }

            destination[0] = (byte)'\\';
            destination[1] = (byte)text[index];
            destination = destination[2..];
            _length += 2;
            text = text[(index + 1)..];
        }
    }

    private void ValidateName(ReadOnlySpan<char> text, string element, string paramName)
    {
        RejectLineBreaks(text, element, paramName);
        int offset = 0;
        while (true)
        {
            int index = text[offset..].IndexOf('\\');
            if (index < 0)
            {
                return;
            }

            index += offset;
            if (index == text.Length - 1 || s_afterBackslashAmbiguous.Contains(text[index + 1]))
            {
                Reject(paramName,
                    $"The {element} has a backslash at position {index} that is last or followed by ',', '=', ' ' or '\"': " +
                    "InfluxDB would read it as an escape and store a different name. Remove or replace that backslash.");
            }

            offset = index + 1;
        }
    }

    private void RejectLineBreaks(ReadOnlySpan<char> text, string element, string paramName)
    {
        int index = text.IndexOfAny(s_lineBreaks);
        if (index >= 0)
        {
            Reject(paramName, $"The {element} contains a line break at position {index}: line protocol ends a point at each newline and cannot escape it.");
        }
    }

    [DoesNotReturn]
    private void Reject(string paramName, string message)
    {
        DiscardLine();
        throw new ArgumentException(message, paramName);
    }
}

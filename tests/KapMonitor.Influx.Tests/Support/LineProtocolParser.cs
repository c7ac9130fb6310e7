using System.Text;

namespace KapMonitor.Influx.Tests.Support;

/// <summary>
/// A small reader that mimics InfluxDB 1.x's scanner (models/points.go): a backslash hides the next character
/// from the separator search, and only <c>\,</c> <c>\=</c> <c>\ </c> <c>\"</c> are unescaped in names; string
/// fields unescape <c>\"</c> and <c>\\</c>. If the writer ever emitted an unescaped separator, the values read
/// back would differ from the values written.
/// </summary>
internal static class LineProtocolParser
{
    public static ParsedPoint Parse(string line)
    {
        if (!line.EndsWith('\n') || line.IndexOf('\n') != line.Length - 1)
        {
            throw new FormatException("Expected exactly one line ending in \\n.");
        }

        int i = 0;
        string measurement = ReadName(line, ref i, ", ");
        var tags = new List<KeyValuePair<string, string>>();
        while (line[i] == ',')
        {
            i++;
            string key = ReadName(line, ref i, ",= ");
            Expect(line, ref i, '=');
            string value = ReadName(line, ref i, ", ");
            tags.Add(new(key, value));
        }

        Expect(line, ref i, ' ');
        var fields = new List<KeyValuePair<string, string>>();
        while (true)
        {
            string key = ReadName(line, ref i, ",= ");
            Expect(line, ref i, '=');
            string value = line[i] == '"' ? ReadString(line, ref i) : ReadName(line, ref i, ", \n");
            fields.Add(new(key, value));
            if (line[i] != ',')
            {
                break;
            }

            i++;
        }

        string? timestamp = null;
        if (line[i] == ' ')
        {
            i++;
            timestamp = ReadName(line, ref i, "\n");
        }

        Expect(line, ref i, '\n');
        return new ParsedPoint(measurement, tags, fields, timestamp);
    }

    private static string ReadName(string line, ref int i, string stops)
    {
        var text = new StringBuilder();
        while (i < line.Length && !stops.Contains(line[i], StringComparison.Ordinal) && line[i] != '\n')
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                char next = line[i + 1];
                if (next is ',' or '=' or ' ' or '"')
                {
                    text.Append(next);
                }
                else
                {
                    text.Append('\\').Append(next);
                }

                i += 2;
                continue;
            }

            text.Append(line[i++]);
        }

        if (text.Length == 0)
        {
            throw new FormatException($"Empty element at {i} in: {line}");
        }

        return text.ToString();
    }

    private static string ReadString(string line, ref int i)
    {
        Expect(line, ref i, '"');
        var text = new StringBuilder();
        while (line[i] != '"')
        {
            if (line[i] == '\\' && line[i + 1] is '"' or '\\')
            {
                text.Append(line[i + 1]);
                i += 2;
                continue;
            }

            text.Append(line[i++]);
        }

        i++;
        return text.ToString();
    }

    private static void Expect(string line, ref int i, char expected)
    {
        if (i >= line.Length || line[i] != expected)
        {
            throw new FormatException($"Expected '{expected}' at {i} in: {line}");
        }

        i++;
    }
}

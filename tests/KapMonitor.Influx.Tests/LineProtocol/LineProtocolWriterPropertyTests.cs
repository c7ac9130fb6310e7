using System.Buffers;
using System.Text;
using KapMonitor.Influx.Tests.Support;

namespace KapMonitor.Influx.Tests.LineProtocol;

public sealed class LineProtocolWriterPropertyTests
{
    // Separators, escape characters, line breaks, a comment marker, multi-byte text and surrogate pairs.
    private static readonly string[] s_alphabet = [",", "=", " ", "\"", "\\", "\n", "\r", "#", "a", "b", "Z", "0", "é", "😀", "\t", "'"];

    [Fact]
    public void Random_names_and_values_either_round_trip_or_are_rejected_for_a_documented_reason()
    {
        var random = new Random(20261121);
        int written = 0;
        for (int iteration = 0; iteration < 5000; iteration++)
        {
            string measurement = Next(random);
            string tagKey = Next(random);
            string tagValue = Next(random);
            string fieldKey = Next(random);
            string text = Next(random);
            long number = random.NextInt64(long.MinValue, long.MaxValue);

            var buffer = new ArrayBufferWriter<byte>();
            using var writer = new LineProtocolWriter(buffer);
            try
            {
                writer.Measurement(measurement).Tag(tagKey, tagValue).Field(fieldKey, text).Field("n", number).EndLine(iteration);
            }
            catch (ArgumentException ex)
            {
                Assert.True(buffer.WrittenCount == 0, "A rejected point must leave nothing behind.");
                Assert.True(HasDocumentedProblem(measurement, tagKey, tagValue, fieldKey, text),
                    $"Rejected without a documented reason: {ex.Message} [{measurement}|{tagKey}|{tagValue}|{fieldKey}|{text}]");
                continue;
            }

            written++;
            string line = Encoding.UTF8.GetString(buffer.WrittenSpan);
            ParsedPoint point = LineProtocolParser.Parse(line);
            Assert.Equal(measurement, point.Measurement);
            if (tagValue.Length == 0)
            {
                Assert.Empty(point.Tags);
            }
            else
            {
                Assert.Equal(new KeyValuePair<string, string>[] { new(tagKey, tagValue) }, point.Tags);
            }

            Assert.Equal(new KeyValuePair<string, string>[] { new(fieldKey, text), new("n", $"{number}i") }, point.Fields);
            Assert.Equal(iteration.ToString(System.Globalization.CultureInfo.InvariantCulture), point.Timestamp);
        }

        // The alphabet must not make everything invalid, or the property says nothing.
        Assert.True(written > 400, $"Only {written} points were valid.");
        Assert.True(written < 4600, $"{written} points were valid: the alphabet no longer exercises the rejections.");
    }

    [Fact]
    public void Random_finite_doubles_round_trip_exactly_and_stay_floats()
    {
        var random = new Random(7);
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new LineProtocolWriter(buffer);
        for (int i = 0; i < 20000; i++)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            buffer.ResetWrittenCount();
            writer.Measurement("m").Field("v", value).EndLine();
            string raw = LineProtocolParser.Parse(Encoding.UTF8.GetString(buffer.WrittenSpan)).Fields[0].Value;
            Assert.DoesNotMatch("[iu]$", raw);
            Assert.Equal(value, double.Parse(raw, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static string Next(Random random)
    {
        int length = random.Next(0, 7);
        var text = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            text.Append(s_alphabet[random.Next(random.Next(2) == 0 ? 8 : s_alphabet.Length)]);
        }

        // Mostly ordinary characters, so that about half the points are valid.
        return random.Next(3) == 0 ? text.ToString() : text.ToString().Replace("\n", "n", StringComparison.Ordinal).Replace("\r", "r", StringComparison.Ordinal);
    }

    private static bool HasDocumentedProblem(string measurement, string tagKey, string tagValue, string fieldKey, string text) =>
        measurement.Length == 0 || measurement[0] == '#' || tagKey.Length == 0 || fieldKey.Length == 0
        || new[] { measurement, tagKey, tagValue, fieldKey, text }.Any(s => s.Contains('\n', StringComparison.Ordinal) || s.Contains('\r', StringComparison.Ordinal))
        || new[] { measurement, tagKey, tagValue, fieldKey }.Any(HasAmbiguousBackslash);

    private static bool HasAmbiguousBackslash(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && (i == s.Length - 1 || s[i + 1] is ',' or '=' or ' ' or '"'))
            {
                return true;
            }
        }

        return false;
    }
}

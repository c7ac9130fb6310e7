namespace KapMonitor.Influx;

/// <summary>One non-empty line of a batch: [Start, End) in bytes, End past its <c>\n</c> when it has one.</summary>
internal readonly record struct LineSpan(int Start, int End)
{
    /// <summary>
    /// Splits a batch at <c>\n</c>. Safe because <see cref="LineProtocolWriter"/> never emits a raw newline
    /// inside a point. Blank lines are skipped.
    /// </summary>
    public static List<LineSpan> Find(ReadOnlySpan<byte> batch)
    {
        var lines = new List<LineSpan>();
        int start = 0;
        while (start < batch.Length)
        {
            int newline = batch[start..].IndexOf((byte)'\n');
            int end = newline < 0 ? batch.Length : start + newline + 1;
            if (!batch[start..end].Trim("\r\n "u8).IsEmpty)
            {
                lines.Add(new LineSpan(start, end));
            }

            start = end;
        }

        return lines;
    }
}

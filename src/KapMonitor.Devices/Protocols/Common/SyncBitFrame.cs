namespace KapMonitor.Devices.Protocols.Common;

/// <summary>
/// Framing shared by fixed-length protocols whose first byte alone has bit 7 set (Nonin DF8, mattjlewis/NoninPulseOx;
/// Contec CMS50D+ legacy, atbrask/CMS50Dplus): the sync bit marks the start, data bytes are 7-bit. Neither format has
/// a checksum, so the structure is the only check and resync is byte by byte.
/// </summary>
internal static class SyncBitFrame
{
    /// <summary>
    /// Frames <paramref name="input"/> into <paramref name="length"/>-byte frames and returns how many bytes were
    /// consumed; a partial frame at the end is left for the next call. Bytes that cannot start a frame are offered to
    /// the handler, then counted as junk and reported as one <see cref="ProtocolErrorKind.Resync"/> per run.
    /// </summary>
    /// <remarks>
    /// The handler is a plain interface: a frame costs one interface call and no allocation. (A generic over the
    /// handler bought nothing here: the handlers are classes, so the code was shared and each call went through a
    /// runtime lookup; DF8 decoding measured about a third slower.)
    /// </remarks>
    public static int Decode(
        ISyncBitFrameHandler handler, ReadOnlySpan<byte> input, int length, string junkDetail, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        var junk = default(JunkCounter);
        var pos = 0;
        while (pos < input.Length)
        {
            var rest = input[pos..];
            if (!IsStart(rest, length))
            {
                if (!handler.TryConsumeNonFrameByte(rest[0], receivedAt, sink))
                {
                    junk.Add();
                }

                pos++;
                continue;
            }

            if (rest.Length < length)
            {
                break;
            }

            junk.Flush(sink, junkDetail);
            handler.OnFrame(rest[..length], receivedAt, sink);
            pos += length;
        }

        junk.Flush(sink, junkDetail);
        return pos;
    }

    /// <summary>True when <paramref name="rest"/> can begin a frame of <paramref name="length"/> bytes (checking as much as has arrived).</summary>
    public static bool IsStart(ReadOnlySpan<byte> rest, int length)
    {
        if ((rest[0] & 0x80) == 0)
        {
            return false;
        }

        var end = Math.Min(rest.Length, length);
        for (var i = 1; i < end; i++)
        {
            if ((rest[i] & 0x80) != 0)
            {
                return false;
            }
        }

        return true;
    }
}

namespace KapMonitor.Devices.Protocols.Common;

/// <summary>
/// Framing shared by fixed-length protocols whose first byte alone has bit 7 set (Nonin DF8,
/// Contec CMS50D+ legacy): the sync bit marks the start, data bytes are 7-bit.
/// </summary>
internal static class SyncBitFrame
{
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

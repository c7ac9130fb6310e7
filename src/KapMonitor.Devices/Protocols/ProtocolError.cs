namespace KapMonitor.Devices.Protocols;

/// <summary>What kind of bad input a decoder met.</summary>
public enum ProtocolErrorKind : byte
{
    /// <summary>Bytes skipped while hunting for a frame start.</summary>
    Resync,
    /// <summary>A frame whose checksum did not match; dropped.</summary>
    Checksum,
    /// <summary>A frame cut short (the next frame began before this one ended, or a length field was impossible).</summary>
    Truncated,
    /// <summary>A complete frame whose content breaks the protocol (bad field, bad length, unknown type).</summary>
    Malformed,
    /// <summary>A decoded number outside what the device can report.</summary>
    OutOfRange,
}

/// <summary>Bad input found while decoding. <paramref name="ByteCount"/> bytes were consumed for it.</summary>
/// <param name="Kind">Category, for counters.</param>
/// <param name="ByteCount">How many input bytes this error accounts for.</param>
/// <param name="Detail">Static, allocation-free description (a constant string).</param>
public readonly record struct ProtocolError(ProtocolErrorKind Kind, int ByteCount, string Detail);

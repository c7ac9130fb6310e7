namespace KapMonitor.Devices.Protocols;

/// <summary>
/// A device protocol: a framer plus decoder over bytes, and (for command-driven devices) the commands
/// the host must send. Pure: no I/O, no clocks; the link passes time in. One instance per device link;
/// instances may keep state across calls (partial multi-frame packets, command state machines).
/// </summary>
public interface IDeviceProtocol
{
    /// <summary>Protocol id as used in device profiles (<c>nonin-df2</c>, <c>suntech-advantage</c>...).</summary>
    string ProtocolId { get; }

    /// <summary>
    /// Decodes every complete frame at the start of <paramref name="input"/> and reports it to
    /// <paramref name="sink"/>. Returns how many bytes were consumed; an incomplete trailing frame is
    /// left unconsumed so the caller can append more bytes and call again. Junk is consumed and
    /// reported as <see cref="ProtocolErrorKind.Resync"/>. Never throws on any input.
    /// </summary>
    int Decode(ReadOnlySpan<byte> input, DateTimeOffset receivedAt, IDecodeSink sink);

    /// <summary>
    /// Lets the protocol send commands: called by the link right after the channel opens, after every
    /// <see cref="Decode"/> (unless <see cref="WritesAfterDecode"/> is false), on each <see cref="TickInterval"/>,
    /// and when the service asks for something.
    /// Writes the bytes to send into <paramref name="output"/> and returns their count (0 = nothing).
    /// </summary>
    int WriteCommands(in ProtocolTick tick, Span<byte> output);

    /// <summary>How often the link should call <see cref="WriteCommands"/> without new input (keep-alive, polling), or null.</summary>
    TimeSpan? TickInterval { get; }

    /// <summary>
    /// Whether <see cref="WriteCommands"/> can have something to send because data arrived (a reply, the next
    /// request of a conversation). A protocol that only listens, or sends only on open, ticks and requests, says
    /// false, and the link does not wake its writer for every read. Default true.
    /// </summary>
    bool WritesAfterDecode => true;
}

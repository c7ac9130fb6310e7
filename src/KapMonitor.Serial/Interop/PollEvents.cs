namespace KapMonitor.Serial.Interop;

/// <summary>poll(2) event bits, generic Linux values (<c>asm-generic/poll.h</c>).</summary>
internal static class PollEvents
{
    public const short In = 0x001;
    public const short Out = 0x004;
    public const short Error = 0x008;
    public const short HangUp = 0x010;
    public const short Invalid = 0x020;

    /// <summary>Bits that poll reports even when not asked for: the descriptor is finished.</summary>
    public const short Broken = Error | HangUp | Invalid;
}

namespace KapMonitor.Serial.Interop;

/// <summary>
/// tty ioctl request numbers (asm-generic/ioctls.h, checked on x86_64; arm64 has no arch override, so asm-generic values apply).
/// Not valid on alpha/mips/powerpc/sparc, which we do not ship.
/// </summary>
internal static class IoctlRequest
{
    public const nuint GetTermios2 = 0x802C542A;  // TCGETS2
    public const nuint SetTermios2 = 0x402C542B;  // TCSETS2 (TCSANOW semantics)
    public const nuint Flush = 0x540B;            // TCFLSH, argument TCIOFLUSH = 2
    public const nuint SetExclusive = 0x540C;     // TIOCEXCL
    public const nuint GetExclusive = 0x80045440; // TIOCGEXCL (Linux 3.8+), int*
    public const nuint BytesAvailable = 0x541B;   // FIONREAD, int*
    public const int FlushBoth = 2;               // TCIOFLUSH
}

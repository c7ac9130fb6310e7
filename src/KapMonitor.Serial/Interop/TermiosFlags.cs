namespace KapMonitor.Serial.Interop;

/// <summary>termios flag bits and c_cc indexes, generic Linux values (octal in asm-generic/termbits.h).</summary>
internal static class TermiosFlags
{
    // c_cc indexes
    public const int VTime = 5;
    public const int VMin = 6;

    // c_iflag
    public const uint IgnoreBreak = 0x1;     // IGNBRK 01
    public const uint BreakInterrupt = 0x2;  // BRKINT 02
    public const uint IgnoreParity = 0x4;    // IGNPAR 04
    public const uint ParityMark = 0x8;      // PARMRK 010
    public const uint InputParityCheck = 0x10; // INPCK 020
    public const uint Strip = 0x20;          // ISTRIP 040
    public const uint NlToCr = 0x40;         // INLCR 0100
    public const uint IgnoreCr = 0x80;       // IGNCR 0200
    public const uint CrToNl = 0x100;        // ICRNL 0400
    public const uint XonOutput = 0x400;     // IXON 02000
    public const uint XonAny = 0x800;        // IXANY 04000
    public const uint XonInput = 0x1000;     // IXOFF 010000

    // c_oflag
    public const uint OutputPostProcess = 0x1; // OPOST 01

    // c_cflag
    public const uint BaudMask = 0x100F;     // CBAUD 010017
    public const uint BaudOther = 0x1000;    // BOTHER 010000
    public const uint CharSizeMask = 0x30;   // CSIZE 060
    public const uint CharSize5 = 0x0;       // CS5
    public const uint CharSize6 = 0x10;      // CS6 020
    public const uint CharSize7 = 0x20;      // CS7 040
    public const uint CharSize8 = 0x30;      // CS8 060
    public const uint TwoStopBits = 0x40;    // CSTOPB 0100
    public const uint Receiver = 0x80;       // CREAD 0200
    public const uint ParityEnable = 0x100;  // PARENB 0400
    public const uint ParityOdd = 0x200;     // PARODD 01000
    public const uint HangUpOnClose = 0x400; // HUPCL 02000
    public const uint Local = 0x800;         // CLOCAL 04000
    public const uint InputBaudMask = 0x100F0000; // CIBAUD (CBAUD << 16): 0 = input speed follows output
    public const uint StickParity = 0x40000000;   // CMSPAR 010000000000
    public const uint RtsCts = 0x80000000;        // CRTSCTS 020000000000

    // c_lflag
    public const uint Signals = 0x1;         // ISIG 01
    public const uint Canonical = 0x2;       // ICANON 02
    public const uint Echo = 0x8;            // ECHO 010
    public const uint EchoErase = 0x10;      // ECHOE 020
    public const uint EchoKill = 0x20;       // ECHOK 040
    public const uint EchoNl = 0x40;         // ECHONL 0100
    public const uint Extended = 0x8000;     // IEXTEN 0100000
}

using System.Runtime.InteropServices;

namespace KapMonitor.Serial.Interop;

/// <summary>
/// The kernel's <c>struct termios2</c> (<c>asm-generic/termbits.h</c>), the argument of
/// <c>ioctl(TCGETS2/TCSETS2)</c>: 4 × u32 flags, <c>c_line</c> at 16, <c>c_cc[19]</c> at 17,
/// <c>c_ispeed</c> at 36, <c>c_ospeed</c> at 40, sizeof 44 (checked on x86_64; aarch64 uses the
/// generic header). A test pins size and offsets.
/// </summary>
/// <remarks>
/// Why termios2 and not glibc's tcsetattr/cfsetospeed: glibc 2.42 changed <c>speed_t</c> from the legacy
/// <c>B*</c> codes to the numeric rate and symbol-versioned <c>cfset[io]speed</c>, so one P/Invoke cannot
/// be right on both sides of 2.42 (0x0D means 9600 baud before and 13 baud after; rust-lang/libc#4692).
/// The kernel ioctl is below glibc: with <c>c_cflag = (c_cflag &amp; ~CBAUD) | BOTHER</c> and the rate in
/// <c>c_ispeed/c_ospeed</c> it means the same thing on every glibc (and musl), with no version sniffing.
/// This is also the only termios struct marshalled in this library; glibc's 60-byte <c>struct termios</c>
/// is never used.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios2
{
    /// <summary>NCCS of the kernel struct (not glibc's 32).</summary>
    public const int ControlCharCount = 19;

    public uint InputFlags;    // c_iflag
    public uint OutputFlags;   // c_oflag
    public uint ControlFlags;  // c_cflag
    public uint LocalFlags;    // c_lflag
    public byte LineDiscipline; // c_line
    public fixed byte ControlChars[ControlCharCount]; // c_cc
    public uint InputSpeed;    // c_ispeed
    public uint OutputSpeed;   // c_ospeed
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KapMonitor.Serial.Interop;

namespace KapMonitor.Serial.Tests;

/// <summary>Pins struct termios2 to the kernel layout (asm-generic/termbits.h) on every runtime identifier we ship (linux-x64, linux-arm64).</summary>
public sealed class Termios2LayoutTests
{
    [Fact]
    public void Size_is_44_bytes_like_the_kernel_struct()
    {
        Assert.Equal(44, Unsafe.SizeOf<Termios2>());
        Assert.Equal(44, Marshal.SizeOf<Termios2>());
    }

    [Theory]
    [InlineData(nameof(Termios2.InputFlags), 0)]
    [InlineData(nameof(Termios2.OutputFlags), 4)]
    [InlineData(nameof(Termios2.ControlFlags), 8)]
    [InlineData(nameof(Termios2.LocalFlags), 12)]
    [InlineData(nameof(Termios2.LineDiscipline), 16)]
    [InlineData(nameof(Termios2.ControlChars), 17)]
    [InlineData(nameof(Termios2.InputSpeed), 36)]
    [InlineData(nameof(Termios2.OutputSpeed), 40)]
    public void Field_offsets_match_asm_termbits(string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf<Termios2>(field));

    [Fact]
    public unsafe void Offsets_hold_in_memory_not_only_in_marshalling_metadata()
    {
        var t = default(Termios2);
        var start = (byte*)&t;
        Assert.Equal(8, (int)((byte*)&t.ControlFlags - start));
        Assert.Equal(17, (int)(t.ControlChars - start));
        Assert.Equal(36, (int)((byte*)&t.InputSpeed - start));
        Assert.Equal(40, (int)((byte*)&t.OutputSpeed - start));
    }

    [Fact]
    public void Ioctl_numbers_encode_the_struct_size()
    {
        // _IOR('T', 0x2A, struct termios2): size lives in bits 16..29.
        Assert.Equal(44u, (uint)(IoctlRequest.GetTermios2 >> 16) & 0x3FFF);
        Assert.Equal(44u, (uint)(IoctlRequest.SetTermios2 >> 16) & 0x3FFF);
    }
}

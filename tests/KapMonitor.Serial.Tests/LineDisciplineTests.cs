using KapMonitor.Serial.Interop;

namespace KapMonitor.Serial.Tests;

/// <summary>Pure checks of the termios2 flags built for each setting (asm-generic/termbits.h values, cfmakeraw(3)).</summary>
public sealed class LineDisciplineTests
{
    private static unsafe Termios2 Socat()
    {
        // What a fresh socat pty looks like (observed with socat 1.7.4.4): iflag 0, oflag 04, cflag 0277, lflag 0105060.
        var t = new Termios2 { InputFlags = 0, OutputFlags = 0x4, ControlFlags = 0xBF, LocalFlags = 0x8A30 };
        t.ControlChars[TermiosFlags.VMin] = 1;
        return t;
    }

    private static unsafe Termios2 Cooked()
    {
        // A tty in cooked mode with everything on that raw mode must clear.
        var t = new Termios2
        {
            InputFlags = 0x1DFF, // every iflag bit raw mode clears
            OutputFlags = 0x5,
            ControlFlags = 0xD | 0x30 | 0x40 | 0x100 | 0x200 | 0x80000000 | 0x40000000 | 0x000D0000,
            LocalFlags = 0x8A3B,
        };
        t.ControlChars[TermiosFlags.VMin] = 0;
        t.ControlChars[TermiosFlags.VTime] = 5;
        return t;
    }

    [Fact]
    public unsafe void Raw_8N1_clears_every_cooked_flag_and_sets_speed_through_BOTHER()
    {
        var t = Cooked();
        LineDiscipline.Apply(ref t, new SerialSettings(9600));

        Assert.Equal(0u, t.InputFlags);
        Assert.Equal(0u, t.OutputFlags & TermiosFlags.OutputPostProcess);
        Assert.Equal(0u, t.LocalFlags & (TermiosFlags.Echo | TermiosFlags.Canonical | TermiosFlags.Signals | TermiosFlags.Extended | TermiosFlags.EchoNl));
        Assert.Equal(TermiosFlags.BaudOther | TermiosFlags.CharSize8 | TermiosFlags.Receiver | TermiosFlags.Local, t.ControlFlags);
        Assert.Equal(9600u, t.InputSpeed);
        Assert.Equal(9600u, t.OutputSpeed);
        Assert.Equal(1, t.ControlChars[TermiosFlags.VMin]);
        Assert.Equal(0, t.ControlChars[TermiosFlags.VTime]);
    }

    [Theory]
    [InlineData(5, 0x00u)]
    [InlineData(6, 0x10u)]
    [InlineData(7, 0x20u)]
    [InlineData(8, 0x30u)]
    public void Data_bits_map_to_CSIZE(int bits, uint csize)
    {
        var t = Socat();
        LineDiscipline.Apply(ref t, new SerialSettings { DataBits = bits });
        Assert.Equal(csize, t.ControlFlags & TermiosFlags.CharSizeMask);
    }

    [Theory]
    [InlineData(Parity.None, 0u)]
    [InlineData(Parity.Even, 0x100u)]
    [InlineData(Parity.Odd, 0x300u)]
    [InlineData(Parity.Mark, 0x40000300u)]
    [InlineData(Parity.Space, 0x40000100u)]
    public void Parity_maps_to_PARENB_PARODD_CMSPAR_and_checks_input(Parity parity, uint bits)
    {
        var t = Socat();
        LineDiscipline.Apply(ref t, new SerialSettings { Parity = parity });
        Assert.Equal(bits, t.ControlFlags & (TermiosFlags.ParityEnable | TermiosFlags.ParityOdd | TermiosFlags.StickParity));
        var check = TermiosFlags.InputParityCheck | TermiosFlags.IgnoreParity;
        Assert.Equal(parity == Parity.None ? 0u : check, t.InputFlags & check);
    }

    [Fact]
    public void Stop_bits_and_flow_control_map_to_CSTOPB_CRTSCTS_IXON_IXOFF()
    {
        var t = Socat();
        LineDiscipline.Apply(ref t, new SerialSettings { StopBits = StopBits.Two, FlowControl = FlowControl.RtsCts });
        Assert.NotEqual(0u, t.ControlFlags & TermiosFlags.TwoStopBits);
        Assert.NotEqual(0u, t.ControlFlags & TermiosFlags.RtsCts);
        Assert.Equal(0u, t.InputFlags & (TermiosFlags.XonInput | TermiosFlags.XonOutput));

        LineDiscipline.Apply(ref t, new SerialSettings { FlowControl = FlowControl.XonXoff });
        Assert.Equal(0u, t.ControlFlags & (TermiosFlags.TwoStopBits | TermiosFlags.RtsCts));
        Assert.Equal(TermiosFlags.XonInput | TermiosFlags.XonOutput, t.InputFlags & (TermiosFlags.XonInput | TermiosFlags.XonOutput | TermiosFlags.XonAny));
    }

    [Theory]
    [InlineData(1200)]
    [InlineData(19200)]
    [InlineData(115200)]
    [InlineData(250000)] // not in the B* table: only reachable through BOTHER
    public void Any_rate_is_numeric_in_the_speed_fields_never_a_legacy_code(int baud)
    {
        var t = Socat();
        LineDiscipline.Apply(ref t, new SerialSettings(baud));
        Assert.Equal(TermiosFlags.BaudOther, t.ControlFlags & TermiosFlags.BaudMask);
        Assert.Equal(0u, t.ControlFlags & TermiosFlags.InputBaudMask);
        Assert.Equal((uint)baud, t.OutputSpeed);
        Assert.Equal((uint)baud, t.InputSpeed);
    }
}

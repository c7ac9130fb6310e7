using KapMonitor.Serial.Interop;

namespace KapMonitor.Serial;

/// <summary>Turns <see cref="SerialSettings"/> into termios2 flags: raw mode plus the requested framing and speed.</summary>
internal static class LineDiscipline
{
    /// <summary>Rewrites <paramref name="t"/> in place for <paramref name="settings"/>.</summary>
    public static unsafe void Apply(ref Termios2 t, SerialSettings settings)
    {
        // Raw mode exactly as glibc cfmakeraw (cfmakeraw(3)), plus no input parity marking or
        // software flow control unless asked for: medical framers need every byte value unchanged.
        t.InputFlags &= ~(TermiosFlags.IgnoreBreak | TermiosFlags.BreakInterrupt | TermiosFlags.ParityMark | TermiosFlags.Strip
            | TermiosFlags.NlToCr | TermiosFlags.IgnoreCr | TermiosFlags.CrToNl | TermiosFlags.XonOutput
            | TermiosFlags.XonInput | TermiosFlags.XonAny | TermiosFlags.InputParityCheck | TermiosFlags.IgnoreParity);
        t.OutputFlags &= ~TermiosFlags.OutputPostProcess;
        t.LocalFlags &= ~(TermiosFlags.Echo | TermiosFlags.EchoNl | TermiosFlags.Canonical | TermiosFlags.Signals | TermiosFlags.Extended
            | TermiosFlags.EchoErase | TermiosFlags.EchoKill);

        // CLOCAL: ignore modem lines (no DCD on USB adapters); CREAD: enable the receiver. HUPCL stays
        // as the driver set it.
        t.ControlFlags &= ~(TermiosFlags.CharSizeMask | TermiosFlags.ParityEnable | TermiosFlags.ParityOdd | TermiosFlags.StickParity
            | TermiosFlags.TwoStopBits | TermiosFlags.RtsCts);
        t.ControlFlags |= TermiosFlags.Local | TermiosFlags.Receiver;
        t.ControlFlags |= settings.DataBits switch
        {
            5 => TermiosFlags.CharSize5,
            6 => TermiosFlags.CharSize6,
            7 => TermiosFlags.CharSize7,
            _ => TermiosFlags.CharSize8,
        };
        t.ControlFlags |= settings.Parity switch
        {
            Parity.Odd => TermiosFlags.ParityEnable | TermiosFlags.ParityOdd,
            Parity.Even => TermiosFlags.ParityEnable,
            Parity.Mark => TermiosFlags.ParityEnable | TermiosFlags.StickParity | TermiosFlags.ParityOdd,
            Parity.Space => TermiosFlags.ParityEnable | TermiosFlags.StickParity,
            _ => 0u,
        };
        if (settings.Parity != Parity.None)
        {
            // Check parity and drop bad characters: a framer resyncs over a missing byte, but a byte
            // silently replaced by 0x00 could decode as a plausible value.
            t.InputFlags |= TermiosFlags.InputParityCheck | TermiosFlags.IgnoreParity;
        }

        if (settings.StopBits == StopBits.Two)
        {
            t.ControlFlags |= TermiosFlags.TwoStopBits;
        }

        switch (settings.FlowControl)
        {
            case FlowControl.XonXoff:
                t.InputFlags |= TermiosFlags.XonOutput | TermiosFlags.XonInput;
                break;
            case FlowControl.RtsCts:
                t.ControlFlags |= TermiosFlags.RtsCts;
                break;
        }

        // Speed through BOTHER (see Termios2 remarks); CIBAUD = 0 makes input speed follow output.
        t.ControlFlags &= ~(TermiosFlags.BaudMask | TermiosFlags.InputBaudMask);
        t.ControlFlags |= TermiosFlags.BaudOther;
        t.InputSpeed = (uint)settings.BaudRate;
        t.OutputSpeed = (uint)settings.BaudRate;

        // VMIN=1, VTIME=0: a read returns as soon as one byte is there; with O_NONBLOCK and poll() this
        // makes a 0-byte read mean end of file, never "idle" (termios(3); Linux tty_io.c on hang-up).
        t.ControlChars[TermiosFlags.VMin] = 1;
        t.ControlChars[TermiosFlags.VTime] = 0;
    }
}

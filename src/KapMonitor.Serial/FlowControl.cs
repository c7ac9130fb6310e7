namespace KapMonitor.Serial;

/// <summary>Flow control on the line.</summary>
public enum FlowControl
{
    /// <summary>None: every byte value passes (the default for medical device protocols).</summary>
    None,
    /// <summary>
    /// Software XON/XOFF (IXON|IXOFF). The tty then swallows 0x11 and 0x13 bytes, so use it only with protocols
    /// whose frames cannot contain them (termios(3)).
    /// </summary>
    XonXoff,
    /// <summary>Hardware RTS/CTS (CRTSCTS).</summary>
    RtsCts,
}

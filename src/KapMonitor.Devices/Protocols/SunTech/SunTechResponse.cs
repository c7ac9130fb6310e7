namespace KapMonitor.Devices.Protocols.SunTech;

/// <summary>Module → host response layouts and status codes (ak-git/DesktopFX; codes ⚠ from Appciton only).</summary>
public static class SunTechResponse
{
    /// <summary>LEN of a status response <c>3E 04 code CHK</c>.</summary>
    public const byte StatusLength = 4;

    /// <summary>LEN of a cuff-pressure response <c>3E 05 u16 CHK</c>.</summary>
    public const byte CuffPressureLength = 5;

    /// <summary>LEN of the BP data response.</summary>
    public const byte BpDataLength = 24;

    /// <summary>'O': command received, measurement started.</summary>
    public const byte Received = (byte)'O';

    /// <summary>'K': measurement done.</summary>
    public const byte Done = (byte)'K';

    /// <summary>'A': aborted.</summary>
    public const byte Aborted = (byte)'A';

    /// <summary>'B': busy.</summary>
    public const byte Busy = (byte)'B';

    /// <summary>'E': error.</summary>
    public const byte Error = (byte)'E';

    /// <summary>'N': invalid packet or parameter.</summary>
    public const byte Invalid = (byte)'N';

    /// <summary>'D': unrecognised command.</summary>
    public const byte Unrecognised = (byte)'D';

    /// <summary>'S': sleep.</summary>
    public const byte Sleep = (byte)'S';

    /// <summary>'T': timeout.</summary>
    public const byte Timeout = (byte)'T';

    /// <summary>
    /// Meaning of a BP data error code, as a constant string. ⚠ Only a third-party (Appciton) mapping
    /// was found; every text says so.
    /// </summary>
    public static string DescribeError(byte code) => code switch
    {
        0x01 => "weak signal (unconfirmed code table)",
        0x02 => "excessive motion (unconfirmed code table)",
        0x03 => "out of range (unconfirmed code table)",
        0x04 => "timeout (unconfirmed code table)",
        0x85 => "pneumatic blockage (unconfirmed code table)",
        0x87 => "cuff error (unconfirmed code table)",
        0x88 => "timeout (unconfirmed code table)",
        0x89 => "cuff over-pressure (unconfirmed code table)",
        0x90 => "hardware error (unconfirmed code table)",
        0x91 => "timeout (unconfirmed code table)",
        0x97 => "transducer over range (unconfirmed code table)",
        0x99 => "EEPROM failure (unconfirmed code table)",
        _ => "unknown error code",
    };

    /// <summary>Meaning of a status response code that ends a cycle without a result, as a constant string.</summary>
    public static string DescribeStatus(byte code) => code switch
    {
        Aborted => "measurement aborted",
        Busy => "module busy",
        Error => "module reported an error",
        Invalid => "module rejected the packet or parameter",
        Unrecognised => "module did not recognise the command",
        Sleep => "module is asleep",
        Timeout => "module timed out",
        _ => "unknown status code",
    };
}

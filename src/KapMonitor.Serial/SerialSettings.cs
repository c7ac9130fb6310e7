using System.Globalization;

namespace KapMonitor.Serial;

/// <summary>
/// Line settings of a serial port. Invalid values are refused when set, with a message naming the
/// property, the allowed values and what was given.
/// </summary>
public sealed record SerialSettings
{
    /// <summary>Lowest baud rate accepted.</summary>
    public const int MinBaudRate = 50;

    /// <summary>Highest baud rate accepted (the top of the Linux B* table, B4000000).</summary>
    public const int MaxBaudRate = 4_000_000;

    /// <summary>9600 baud, 8 data bits, no parity, one stop bit, no flow control.</summary>
    public SerialSettings()
    {
    }

    /// <summary>Creates settings with the given baud rate and 8N1, no flow control.</summary>
    /// <param name="baudRate">Bits per second, <see cref="MinBaudRate"/>..<see cref="MaxBaudRate"/>; any integer rate is allowed (termios2 BOTHER).</param>
    public SerialSettings(int baudRate) => BaudRate = baudRate;

    /// <summary>Bits per second (default 9600). Any rate in range; the driver picks the nearest it can make.</summary>
    public int BaudRate
    {
        get;
        init => field = value is >= MinBaudRate and <= MaxBaudRate
            ? value
            : throw new ArgumentOutOfRangeException(nameof(BaudRate), value,
                string.Create(CultureInfo.InvariantCulture, $"SerialSettings.BaudRate must be between {MinBaudRate} and {MaxBaudRate} (found {value}); typical device rates are 9600, 19200 and 115200."));
    } = 9600;

    /// <summary>Data bits per character: 5, 6, 7 or 8 (default 8).</summary>
    public int DataBits
    {
        get;
        init => field = value is >= 5 and <= 8
            ? value
            : throw new ArgumentOutOfRangeException(nameof(DataBits), value,
                string.Create(CultureInfo.InvariantCulture, $"SerialSettings.DataBits must be 5, 6, 7 or 8 (found {value})."));
    } = 8;

    /// <summary>Parity (default <see cref="Serial.Parity.None"/>).</summary>
    public Parity Parity
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Parity), value,
                $"SerialSettings.Parity must be one of {string.Join(", ", Enum.GetNames<Parity>())} (found {(int)value}).");
    }

    /// <summary>Stop bits (default <see cref="Serial.StopBits.One"/>).</summary>
    public StopBits StopBits
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(StopBits), value,
                $"SerialSettings.StopBits must be one of {string.Join(", ", Enum.GetNames<StopBits>())} (found {(int)value}).");
    }

    /// <summary>Flow control (default <see cref="Serial.FlowControl.None"/>).</summary>
    public FlowControl FlowControl
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(FlowControl), value,
                $"SerialSettings.FlowControl must be one of {string.Join(", ", Enum.GetNames<FlowControl>())} (found {(int)value}).");
    }

    /// <summary>The usual short form, e.g. "9600 8N1" or "19200 8O1 rts/cts".</summary>
    public override string ToString()
    {
        var parity = Parity switch
        {
            Parity.Odd => 'O',
            Parity.Even => 'E',
            Parity.Mark => 'M',
            Parity.Space => 'S',
            _ => 'N',
        };
        var stop = StopBits == StopBits.Two ? 2 : 1;
        var flow = FlowControl switch
        {
            FlowControl.XonXoff => " xon/xoff",
            FlowControl.RtsCts => " rts/cts",
            _ => "",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{BaudRate} {DataBits}{parity}{stop}{flow}");
    }
}

using System.Globalization;
using System.Text;
using KapMonitor.Simulators.Behaviour;

namespace KapMonitor.Simulators.Encoders;

/// <summary>
/// Masimo Radical-7 ASCII 1 line (remkolems/masimo-datacapture), one per second, CR LF terminated:
/// <c>05/15/07 08:12:21 SN=0000070986 SPO2=098% BPM=072 PI=01.23% SPCO=--.-% SPMET=--.-% DESAT=-- PIDELTA=+-- PVI=--- ALARM=0000 EXC=000000</c>.
/// Missing values are dashes; EXC carries the exception bits (0x001 no sensor, 0x004 low perfusion,
/// 0x008 pulse search, 0x020 sensor off, 0x400 low signal IQ).
/// </summary>
public static class MasimoAsciiEncoder
{
    /// <summary>Serial number we report.</summary>
    public const string SerialNumber = "0000070986";

    /// <summary>Longest line this encoder writes (bytes), for buffer sizing.</summary>
    public const int MaxLineLength = 160;

    /// <summary>Exception bits for <paramref name="status"/>.</summary>
    public static int ExceptionBits(OximeterStatus status)
    {
        var exc = 0;
        if ((status & OximeterStatus.SensorDisconnected) != 0)
        {
            exc |= 0x001;
        }

        if ((status & OximeterStatus.LowPerfusion) != 0)
        {
            exc |= 0x004;
        }

        if ((status & OximeterStatus.Searching) != 0)
        {
            exc |= 0x008;
        }

        if ((status & OximeterStatus.ProbeOff) != 0)
        {
            exc |= 0x020;
        }

        if ((status & OximeterStatus.Artifact) != 0)
        {
            exc |= 0x400;
        }

        return exc;
    }

    /// <summary>Formats the line (with CR LF) for <paramref name="reading"/> at device time <paramref name="deviceTime"/>.</summary>
    public static string FormatLine(in OximeterReading reading, DateTime deviceTime)
    {
        var c = CultureInfo.InvariantCulture;
        var spo2 = reading.Spo2 is { } s ? s.ToString("000", c) : "---";
        var bpm = reading.PulseRate is { } p ? p.ToString("000", c) : "---";
        var pi = reading.PerfusionIndex is { } i ? Math.Min(i, 99.99).ToString("00.00", c) : "--.--";
        return string.Create(c, $"{deviceTime:MM/dd/yy HH:mm:ss} SN={SerialNumber} SPO2={spo2}% BPM={bpm} PI={pi}% SPCO=--.-% SPMET=--.-% DESAT=-- PIDELTA=+-- PVI=--- ALARM=0000 EXC={ExceptionBits(reading.Status):X6}\r\n");
    }

    /// <summary>Writes the line as ASCII; returns the byte count.</summary>
    public static int Write(Span<byte> destination, in OximeterReading reading, DateTime deviceTime) =>
        Encoding.ASCII.GetBytes(FormatLine(reading, deviceTime), destination);
}

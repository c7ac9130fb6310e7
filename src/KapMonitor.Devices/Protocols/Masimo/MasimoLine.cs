using System.Globalization;

namespace KapMonitor.Devices.Protocols.Masimo;

/// <summary>The fields of one Masimo line, parsed without allocating.</summary>
internal readonly struct MasimoLine
{
    public readonly record struct Field(bool Present, double Value);

    public Field Spo2 { get; private init; }

    public Field PulseRate { get; private init; }

    public Field PerfusionIndex { get; private init; }

    public uint Exceptions { get; private init; }

    public DateTimeOffset? DeviceTime { get; private init; }

    public bool HasAnyMetric => Spo2.Present || PulseRate.Present || PerfusionIndex.Present;

    public static MasimoLine Parse(ReadOnlySpan<byte> line)
    {
        Field spo2 = default, pr = default, pi = default;
        uint exc = 0;
        ReadOnlySpan<byte> date = default, time = default;
        while (!line.IsEmpty)
        {
            line = line.TrimStart((byte)' ');
            var end = line.IndexOf((byte)' ');
            var token = end < 0 ? line : line[..end];
            line = end < 0 ? default : line[end..];
            var eq = token.IndexOf((byte)'=');
            if (eq < 0)
            {
                if (token.IndexOf((byte)'/') > 0)
                {
                    date = token;
                }
                else if (token.IndexOf((byte)':') > 0)
                {
                    time = token;
                }

                continue;
            }

            var key = token[..eq];
            var value = token[(eq + 1)..];
            if (Is(key, "SPO2"u8))
            {
                spo2 = ParseNumber(value);
            }
            else if (Is(key, "BPM"u8) || Is(key, "PR"u8))
            {
                pr = ParseNumber(value);
            }
            else if (Is(key, "PI"u8))
            {
                pi = ParseNumber(value);
            }
            else if (Is(key, "EXC"u8))
            {
                exc = ParseHex(value);
            }
        }

        return new MasimoLine { Spo2 = spo2, PulseRate = pr, PerfusionIndex = pi, Exceptions = exc, DeviceTime = ParseTime(date, time) };
    }

    private static bool Is(ReadOnlySpan<byte> key, ReadOnlySpan<byte> upper)
    {
        if (key.Length != upper.Length)
        {
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is >= (byte)'a' and <= (byte)'z')
            {
                c -= 0x20;
            }

            if (c != upper[i])
            {
                return false;
            }
        }

        return true;
    }

    // "098%", "00.55", "---%", "--.-" → present; dashes mean "no data" (NaN).
    private static Field ParseNumber(ReadOnlySpan<byte> value)
    {
        value = value.TrimEnd((byte)'%');
        if (value.IndexOfAnyExcept("-.+"u8) < 0)
        {
            return new Field(true, double.NaN);
        }

        return double.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? new Field(true, v)
            : new Field(true, double.NaN);
    }

    // "000000", "0000C00", "828:Search,OffPat,SET" → hex before any ':'.
    private static uint ParseHex(ReadOnlySpan<byte> value)
    {
        uint result = 0;
        var digits = 0;
        foreach (var c in value)
        {
            int d = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                _ => -1,
            };
            if (d < 0 || ++digits > 8)
            {
                break;
            }

            result = (result << 4) | (uint)d;
        }

        return result;
    }

    // MM/DD/YY hh:mm:ss; anything else gives null.
    private static DateTimeOffset? ParseTime(ReadOnlySpan<byte> date, ReadOnlySpan<byte> time)
    {
        if (date.Length != 8 || time.Length != 8 || date[2] != '/' || date[5] != '/' || time[2] != ':' || time[5] != ':')
        {
            return null;
        }

        int month = Two(date, 0), day = Two(date, 3), year = Two(date, 6), hour = Two(time, 0), minute = Two(time, 3), second = Two(time, 6);
        if (month is < 1 or > 12 || year < 0 || day < 1 || day > DateTime.DaysInMonth(2000 + year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return null;
        }

        return new DateTimeOffset(2000 + year, month, day, hour, minute, second, TimeSpan.Zero);
    }

    private static int Two(ReadOnlySpan<byte> s, int at)
    {
        int hi = s[at] - '0', lo = s[at + 1] - '0';
        return hi is >= 0 and <= 9 && lo is >= 0 and <= 9 ? (hi * 10) + lo : -1;
    }
}

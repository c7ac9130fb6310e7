using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace KapMonitor.Devices.Decoding;

/// <summary>
/// Parses hex as people paste it: <c>3E 05 02 01 BA</c>, <c>3e:05:02</c>, <c>0x3E,0x05</c>, <c>3E0502</c>,
/// across lines. Separators are whitespace, <c>:</c>, <c>,</c>, <c>-</c> and <c>;</c>.
/// </summary>
public static class HexParser
{
    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what and where.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out string? error)
    {
        bytes = null;
        if (text is null)
        {
            error = "no hex given";
            return false;
        }

        var digits = new List<byte>(text.Length);
        var tokenStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c is ':' or ',' or '-' or ';')
            {
                tokenStart = true;
                continue;
            }

            if (tokenStart && c == '0' && i + 1 < text.Length && text[i + 1] is 'x' or 'X')
            {
                i++; // "0x" prefix
                tokenStart = false;
                continue;
            }

            tokenStart = false;
            var d = HexValue(c);
            if (d < 0)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"'{c}' at position {i + 1} is not a hex digit; give bytes like \"3E 05 02 01 BA\"");
                return false;
            }

            digits.Add((byte)d);
        }

        if (digits.Count % 2 != 0)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"odd number of hex digits ({digits.Count}); every byte needs two digits (write 05, not 5)");
            return false;
        }

        bytes = new byte[digits.Count / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((digits[2 * i] << 4) | digits[(2 * i) + 1]);
        }

        error = null;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>Arithmetic shared by <see cref="Sfloat"/> and <see cref="Float11073"/> (powers of ten, rounding); the bit layout is in <see cref="MderFloat"/>.</summary>
internal static class MderMath
{
    // Powers of ten that are exact in a double (up to 1e22), so 20 × 10^-1 is computed as 20 / 10 = 2.0
    // exactly instead of 20 × 0.1 = 2.0000000000000004.
    private static readonly double[] s_exactPowers =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public static double PowerOfTen(int exponent) =>
        (uint)exponent < (uint)s_exactPowers.Length ? s_exactPowers[exponent] : Math.Pow(10, exponent);

    public static double Scale(int mantissa, int exponent) =>
        exponent >= 0 ? mantissa * PowerOfTen(exponent) : mantissa / PowerOfTen(-exponent);

    public static double SpecialToDouble(MderSpecial special) => special switch
    {
        MderSpecial.PositiveInfinity => double.PositiveInfinity,
        MderSpecial.NegativeInfinity => double.NegativeInfinity,
        _ => double.NaN,
    };

    public static bool TryMantissa(double value, int exponent, int maxMantissa, out int mantissa)
    {
        mantissa = 0;
        if (!double.IsFinite(value))
        {
            return false;
        }

        double scaled = exponent >= 0 ? value / PowerOfTen(exponent) : value * PowerOfTen(-exponent);
        double rounded = Math.Round(scaled, MidpointRounding.AwayFromZero);
        if (rounded < -maxMantissa || rounded > maxMantissa)
        {
            return false;
        }

        mantissa = (int)rounded;
        return true;
    }
}

using System.Runtime.CompilerServices;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// The IEEE 11073-20601 §F.8 layout that <see cref="Sfloat"/> (16 bits: 4-bit exponent, 12-bit mantissa) and
/// <see cref="Float11073"/> (32 bits: 8-bit exponent, 24-bit mantissa) share, implemented once and parameterised by
/// the two widths (HL7/phd "MDER FLOATs and SFLOATs"). Both are a two's-complement exponent above a two's-complement mantissa, and both
/// reserve five whole raw values with exponent 0 around the mantissa's sign bit alone (NRes): +INFINITY = NRes − 2,
/// NaN = NRes − 1, NRes, RFU = NRes + 1, −INFINITY = NRes + 2. Raw values travel zero-extended in a <see cref="uint"/>.
/// </summary>
internal static class MderFloat
{
    /// <summary>Which reserved value <paramref name="raw"/> is; checked on the whole raw value before it is split.</summary>
    public static MderSpecial GetSpecial(uint raw, int mantissaBits) => (raw - (NotAtResolution(mantissaBits) - 2)) switch
    {
        0 => MderSpecial.PositiveInfinity,
        1 => MderSpecial.NaN,
        2 => MderSpecial.NotAtResolution,
        3 => MderSpecial.Reserved,
        4 => MderSpecial.NegativeInfinity,
        _ => MderSpecial.None, // Also every raw value below +INFINITY: the subtraction wraps to a large number.
    };

    /// <summary>The raw value of a reserved value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MderSpecial.None"/> or unknown.</exception>
    public static uint ToRaw(MderSpecial special, int mantissaBits) => special switch
    {
        MderSpecial.PositiveInfinity => NotAtResolution(mantissaBits) - 2,
        MderSpecial.NaN => NotAtResolution(mantissaBits) - 1,
        MderSpecial.NotAtResolution => NotAtResolution(mantissaBits),
        MderSpecial.Reserved => NotAtResolution(mantissaBits) + 1,
        MderSpecial.NegativeInfinity => NotAtResolution(mantissaBits) + 2,
        _ => throw new ArgumentOutOfRangeException(nameof(special), special, "Not a reserved value."),
    };

    /// <summary>Sign-extended exponent: the top <paramref name="exponentBits"/> bits of the format.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Exponent(uint raw, int mantissaBits, int exponentBits) =>
        (int)(raw << (32 - mantissaBits - exponentBits)) >> (32 - exponentBits);

    /// <summary>Sign-extended mantissa: the low <paramref name="mantissaBits"/> bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Mantissa(uint raw, int mantissaBits) => (int)(raw << (32 - mantissaBits)) >> (32 - mantissaBits);

    /// <summary>The number; NaN for NaN/NRes/RFU, ±∞ for ±INFINITY.</summary>
    public static double Decode(uint raw, int mantissaBits, int exponentBits, out MderSpecial special)
    {
        special = GetSpecial(raw, mantissaBits);
        if (special != MderSpecial.None)
        {
            return MderMath.SpecialToDouble(special);
        }

        // Both fields sign-extend: SFLOAT 0xF0B0 is 176 × 10^-1, not 176 × 10^15.
        return MderMath.Scale(Mantissa(raw, mantissaBits), Exponent(raw, mantissaBits, exponentBits));
    }

    /// <summary>
    /// Largest |mantissa| the encoders emit: NRes − 3 (SFLOAT 2045, FLOAT 8388605). Larger magnitudes collide with the
    /// reserved values at exponent 0, and some peers test the mantissa alone, so none is produced at any exponent.
    /// </summary>
    public static int MaxEncodableMantissa(int mantissaBits) => (int)NotAtResolution(mantissaBits) - 3;

    /// <summary>True when <paramref name="exponent"/> fits <paramref name="exponentBits"/> two's-complement bits.</summary>
    public static bool ExponentFits(int exponent, int exponentBits) =>
        exponent >= -(1 << (exponentBits - 1)) && exponent < (1 << (exponentBits - 1));

    /// <summary>Packs mantissa × 10^exponent; false when either does not fit.</summary>
    public static bool TryPack(int mantissa, int exponent, int mantissaBits, int exponentBits, out uint raw)
    {
        int max = MaxEncodableMantissa(mantissaBits);
        if (mantissa < -max || mantissa > max || !ExponentFits(exponent, exponentBits))
        {
            raw = 0;
            return false;
        }

        uint mantissaMask = (1u << mantissaBits) - 1;
        uint formatMask = uint.MaxValue >> (32 - mantissaBits - exponentBits);
        raw = (((uint)exponent << mantissaBits) | ((uint)mantissa & mantissaMask)) & formatMask;
        return true;
    }

    /// <summary>Packs <paramref name="value"/> rounded to a multiple of 10^exponent; false when it does not fit.</summary>
    public static bool TryPackValue(double value, int exponent, int mantissaBits, int exponentBits, out uint raw)
    {
        raw = 0;
        return ExponentFits(exponent, exponentBits)
            && MderMath.TryMantissa(value, exponent, MaxEncodableMantissa(mantissaBits), out int mantissa)
            && TryPack(mantissa, exponent, mantissaBits, exponentBits, out raw);
    }

    // NRes: the mantissa's sign bit alone (SFLOAT 0x0800, FLOAT 0x00800000).
    private static uint NotAtResolution(int mantissaBits) => 1u << (mantissaBits - 1);
}

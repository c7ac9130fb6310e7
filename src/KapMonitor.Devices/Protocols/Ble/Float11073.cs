using System.Buffers.Binary;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// IEEE 11073-20601 FLOAT (32-bit): bits 31..24 a two's-complement exponent (−128..+127), bits 23..0 a
/// two's-complement mantissa, value = mantissa × 10^exponent, little-endian on the wire. Holds the raw value
/// so encode → decode is byte-exact.
/// </summary>
/// <param name="Raw">The 32-bit raw value (host order).</param>
public readonly record struct Float11073(uint Raw)
{
    /// <summary>Bytes on the wire.</summary>
    public const int Size = 4;

    // The widths MderFloat derives everything else from (HL7/phd "MDER FLOATs and SFLOATs").
    private const int MantissaBits = 24;
    private const int ExponentBits = 8;

    /// <summary>Largest mantissa the encoders emit; ±8388606..8388608 collide with the reserved values.</summary>
    public const int MaxEncodableMantissa = 8_388_605;

    /// <summary>Smallest exponent.</summary>
    public const int MinExponent = -128;

    /// <summary>Largest exponent.</summary>
    public const int MaxExponent = 127;

    /// <summary>NaN, "invalid result" (0x007FFFFF).</summary>
    public static Float11073 NaN => new(0x007FFFFF);

    /// <summary>NRes, "not at this resolution" (0x00800000).</summary>
    public static Float11073 NotAtResolution => new(0x00800000);

    /// <summary>+INFINITY (0x007FFFFE).</summary>
    public static Float11073 PositiveInfinity => new(0x007FFFFE);

    /// <summary>−INFINITY (0x00800002).</summary>
    public static Float11073 NegativeInfinity => new(0x00800002);

    /// <summary>Reserved for future use (0x00800001).</summary>
    public static Float11073 Reserved => new(0x00800001);

    /// <summary>Which reserved value this is, or <see cref="MderSpecial.None"/> for a number.</summary>
    public MderSpecial Special => GetSpecial(Raw);

    /// <summary>True when this is a number, not a reserved value.</summary>
    public bool IsNumber => Special == MderSpecial.None;

    /// <summary>Sign-extended exponent (−128..+127).</summary>
    public int Exponent => MderFloat.Exponent(Raw, MantissaBits, ExponentBits);

    /// <summary>Sign-extended mantissa (−8388608..+8388607).</summary>
    public int Mantissa => MderFloat.Mantissa(Raw, MantissaBits);

    /// <summary>The number; NaN for NaN/NRes/reserved, ±∞ for ±INFINITY.</summary>
    public double Value => Decode(Raw, out _);

    /// <summary>Decodes a raw FLOAT. Reserved values are recognised on the whole raw value before it is split.</summary>
    public static double Decode(uint raw, out MderSpecial special) => MderFloat.Decode(raw, MantissaBits, ExponentBits, out special);

    /// <summary>Reads a little-endian FLOAT from the first 4 bytes of <paramref name="source"/>.</summary>
    public static Float11073 Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt32LittleEndian(source));

    /// <summary>Reads and decodes a little-endian FLOAT from the first 4 bytes of <paramref name="source"/>.</summary>
    public static double Read(ReadOnlySpan<byte> source, out MderSpecial special) =>
        Decode(BinaryPrimitives.ReadUInt32LittleEndian(source), out special);

    /// <summary>Writes this value little-endian into the first 4 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt32LittleEndian(destination, Raw);

    /// <summary>Encodes an integer with exponent 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">|value| &gt; 8388605.</exception>
    public static Float11073 FromInteger(int value) => Create(value, 0);

    /// <summary>Encodes mantissa × 10^exponent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The mantissa or exponent does not fit.</exception>
    public static Float11073 Create(int mantissa, int exponent) =>
        TryCreate(mantissa, exponent, out var result)
            ? result
            : throw new ArgumentOutOfRangeException(nameof(mantissa), $"FLOAT needs |mantissa| <= {MaxEncodableMantissa} and exponent in {MinExponent}..{MaxExponent} (got {mantissa}e{exponent}).");

    /// <summary>Encodes mantissa × 10^exponent; false when it does not fit.</summary>
    public static bool TryCreate(int mantissa, int exponent, out Float11073 result)
    {
        bool fits = MderFloat.TryPack(mantissa, exponent, MantissaBits, ExponentBits, out uint raw);
        result = new(raw);
        return fits;
    }

    /// <summary>Encodes <paramref name="value"/> rounded to a multiple of 10^exponent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or does not fit at that exponent.</exception>
    public static Float11073 FromValue(double value, int exponent) =>
        TryFromValue(value, exponent, out var result)
            ? result
            : throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit a FLOAT with exponent {exponent}.");

    /// <summary>Encodes <paramref name="value"/> rounded to a multiple of 10^exponent; false when it does not fit.</summary>
    public static bool TryFromValue(double value, int exponent, out Float11073 result)
    {
        bool fits = MderFloat.TryPackValue(value, exponent, MantissaBits, ExponentBits, out uint raw);
        result = new(raw);
        return fits;
    }

    /// <summary>The raw value of a reserved value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MderSpecial.None"/> or unknown.</exception>
    public static Float11073 FromSpecial(MderSpecial special) => new(MderFloat.ToRaw(special, MantissaBits));

    /// <summary>Classifies a raw value. 11073-20601 defines the reserved values only with exponent 0.</summary>
    public static MderSpecial GetSpecial(uint raw) => MderFloat.GetSpecial(raw, MantissaBits);

    /// <inheritdoc/>
    public override string ToString() => Special == MderSpecial.None
        ? $"{Mantissa}e{Exponent} (0x{Raw:X8})"
        : $"{Special} (0x{Raw:X8})";
}

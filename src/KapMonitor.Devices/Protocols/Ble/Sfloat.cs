using System.Buffers.Binary;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// IEEE 11073-20601 SFLOAT, the 16-bit medical float every Bluetooth health characteristic uses:
/// bits 15..12 a two's-complement exponent (−8..+7), bits 11..0 a two's-complement mantissa, value =
/// mantissa × 10^exponent, little-endian on the wire. Holds the raw value so encode → decode is byte-exact
/// (0x0002 and 0xF014 both mean 2 but are different bytes).
/// </summary>
/// <param name="Raw">The 16-bit raw value (host order).</param>
public readonly record struct Sfloat(ushort Raw)
{
    /// <summary>Bytes on the wire.</summary>
    public const int Size = 2;

    // The widths MderFloat derives everything else from (HL7/phd "MDER FLOATs and SFLOATs").
    private const int MantissaBits = 12;
    private const int ExponentBits = 4;

    /// <summary>Largest mantissa the encoders emit. ±2046..2048 collide with the reserved values at exponent 0,
    /// and some peers test the mantissa alone, so the encoders never produce them at any exponent.</summary>
    public const int MaxEncodableMantissa = 2045;

    /// <summary>Smallest exponent.</summary>
    public const int MinExponent = -8;

    /// <summary>Largest exponent.</summary>
    public const int MaxExponent = 7;

    /// <summary>NaN, "invalid result" (0x07FF).</summary>
    public static Sfloat NaN => new(0x07FF);

    /// <summary>NRes, "not at this resolution" (0x0800).</summary>
    public static Sfloat NotAtResolution => new(0x0800);

    /// <summary>+INFINITY (0x07FE).</summary>
    public static Sfloat PositiveInfinity => new(0x07FE);

    /// <summary>−INFINITY (0x0802).</summary>
    public static Sfloat NegativeInfinity => new(0x0802);

    /// <summary>Reserved for future use (0x0801).</summary>
    public static Sfloat Reserved => new(0x0801);

    /// <summary>Which reserved value this is, or <see cref="MderSpecial.None"/> for a number.</summary>
    public MderSpecial Special => GetSpecial(Raw);

    /// <summary>True when this is a number, not a reserved value.</summary>
    public bool IsNumber => Special == MderSpecial.None;

    /// <summary>Sign-extended exponent (−8..+7).</summary>
    public int Exponent => MderFloat.Exponent(Raw, MantissaBits, ExponentBits);

    /// <summary>Sign-extended mantissa (−2048..+2047).</summary>
    public int Mantissa => MderFloat.Mantissa(Raw, MantissaBits);

    /// <summary>The number; NaN for NaN/NRes/reserved, ±∞ for ±INFINITY.</summary>
    public double Value => Decode(Raw, out _);

    /// <summary>Decodes a raw SFLOAT. Reserved values are recognised on the whole raw value before it is split.</summary>
    public static double Decode(ushort raw, out MderSpecial special) => MderFloat.Decode(raw, MantissaBits, ExponentBits, out special);

    /// <summary>Reads a little-endian SFLOAT from the first 2 bytes of <paramref name="source"/>.</summary>
    public static Sfloat Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt16LittleEndian(source));

    /// <summary>Reads and decodes a little-endian SFLOAT from the first 2 bytes of <paramref name="source"/>.</summary>
    public static double Read(ReadOnlySpan<byte> source, out MderSpecial special) =>
        Decode(BinaryPrimitives.ReadUInt16LittleEndian(source), out special);

    /// <summary>Writes this value little-endian into the first 2 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt16LittleEndian(destination, Raw);

    /// <summary>Encodes an integer with exponent 0 (120 mmHg → <c>78 00</c>), as BLE cuffs send mmHg and bpm.</summary>
    /// <exception cref="ArgumentOutOfRangeException">|value| &gt; 2045.</exception>
    public static Sfloat FromInteger(int value) => Create(value, 0);

    /// <summary>Encodes mantissa × 10^exponent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The mantissa or exponent does not fit.</exception>
    public static Sfloat Create(int mantissa, int exponent) =>
        TryCreate(mantissa, exponent, out var result)
            ? result
            : throw new ArgumentOutOfRangeException(nameof(mantissa), $"SFLOAT needs |mantissa| <= {MaxEncodableMantissa} and exponent in {MinExponent}..{MaxExponent} (got {mantissa}e{exponent}).");

    /// <summary>Encodes mantissa × 10^exponent; false when it does not fit.</summary>
    public static bool TryCreate(int mantissa, int exponent, out Sfloat result)
    {
        bool fits = MderFloat.TryPack(mantissa, exponent, MantissaBits, ExponentBits, out uint raw);
        result = new((ushort)raw);
        return fits;
    }

    /// <summary>Encodes <paramref name="value"/> rounded to a multiple of 10^exponent (98.6 with exponent −1 → 986e−1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or does not fit at that exponent.</exception>
    public static Sfloat FromValue(double value, int exponent) =>
        TryFromValue(value, exponent, out var result)
            ? result
            : throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit an SFLOAT with exponent {exponent}.");

    /// <summary>Encodes <paramref name="value"/> rounded to a multiple of 10^exponent; false when it does not fit.</summary>
    public static bool TryFromValue(double value, int exponent, out Sfloat result)
    {
        bool fits = MderFloat.TryPackValue(value, exponent, MantissaBits, ExponentBits, out uint raw);
        result = new((ushort)raw);
        return fits;
    }

    /// <summary>The raw value of a reserved value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MderSpecial.None"/> or unknown.</exception>
    public static Sfloat FromSpecial(MderSpecial special) => new((ushort)MderFloat.ToRaw(special, MantissaBits));

    /// <summary>Classifies a raw value. 11073-20601 defines the reserved values only with exponent 0.</summary>
    public static MderSpecial GetSpecial(ushort raw) => MderFloat.GetSpecial(raw, MantissaBits);

    /// <inheritdoc/>
    public override string ToString() => Special == MderSpecial.None
        ? $"{Mantissa}e{Exponent} (0x{Raw:X4})"
        : $"{Special} (0x{Raw:X4})";
}

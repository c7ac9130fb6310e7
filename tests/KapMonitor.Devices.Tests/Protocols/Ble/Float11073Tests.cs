using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class Float11073Tests
{
    // HL7/phd "MDER FLOATs and SFLOATs" table, bytes in wire (LE) order.
    [Theory]
    [InlineData(0xFF000014u, "14 00 00 FF", -1, 20, 2.0)]
    [InlineData(0x00FFFB2Eu, "2E FB FF 00", 0, -1234, -1234.0)]
    public void Spec_vectors_decode_and_encode(uint raw, string wire, int exponent, int mantissa, double value)
    {
        var bytes = BleHex.Bytes(wire);
        var parsed = Float11073.Read(bytes);

        Assert.Equal(raw, parsed.Raw);
        Assert.Equal(exponent, parsed.Exponent);
        Assert.Equal(mantissa, parsed.Mantissa);
        Assert.Equal(value, parsed.Value);
        Assert.Equal(value, Float11073.Read(bytes, out var special));
        Assert.Equal(MderSpecial.None, special);

        var written = new byte[4];
        Float11073.Create(mantissa, exponent).Write(written);
        Assert.Equal(bytes, written);
    }

    [Theory]
    [InlineData(0x007FFFFFu, MderSpecial.NaN)]
    [InlineData(0x00800000u, MderSpecial.NotAtResolution)]
    [InlineData(0x007FFFFEu, MderSpecial.PositiveInfinity)]
    [InlineData(0x00800002u, MderSpecial.NegativeInfinity)]
    [InlineData(0x00800001u, MderSpecial.Reserved)]
    public void Specials_are_recognised_on_the_whole_raw_value(uint raw, MderSpecial expected)
    {
        double value = Float11073.Decode(raw, out var special);

        Assert.Equal(expected, special);
        Assert.Equal(raw, Float11073.FromSpecial(expected).Raw);
        Assert.Equal(
            expected switch
            {
                MderSpecial.PositiveInfinity => double.PositiveInfinity,
                MderSpecial.NegativeInfinity => double.NegativeInfinity,
                _ => double.NaN,
            },
            value);
    }

    [Theory]
    [InlineData(0x017FFFFFu, 83886070.0)] // NaN's mantissa with exponent 1 is an ordinary number
    [InlineData(0xFE0000C8u, 2.0)]
    [InlineData(0x80000001u, 1e-128)]
    [InlineData(0x7F000001u, 1e127)]
    [InlineData(0x00FFFFFFu, -1.0)]
    [InlineData(0xFEFFFF9Cu, -1.0)] // −100 × 10^-2
    public void Exponent_and_mantissa_are_sign_extended(uint raw, double expected)
    {
        double value = Float11073.Decode(raw, out var special);

        Assert.Equal(MderSpecial.None, special);
        Assert.Equal(expected, value, Math.Abs(expected) * 1e-12);
    }

    [Fact]
    public void Encoders_cover_integers_and_explicit_exponents()
    {
        Assert.Equal(0x00000078u, Float11073.FromInteger(120).Raw);
        Assert.Equal(0xFF0003DAu, Float11073.FromValue(98.6, -1).Raw);
        Assert.False(Float11073.TryCreate(8_388_606, 0, out _));
        Assert.False(Float11073.TryCreate(1, 128, out _));
        Assert.False(Float11073.TryFromValue(double.NaN, 0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Float11073.Create(-8_388_606, 5));
    }

    [Fact]
    public void Random_encodable_values_round_trip()
    {
        var random = new Random(11073);
        for (int i = 0; i < 10_000; i++)
        {
            int mantissa = random.Next(-Float11073.MaxEncodableMantissa, Float11073.MaxEncodableMantissa + 1);
            int exponent = random.Next(Float11073.MinExponent, Float11073.MaxExponent + 1);
            var value = Float11073.Create(mantissa, exponent);
            var bytes = new byte[4];
            value.Write(bytes);
            var back = Float11073.Read(bytes);

            Assert.Equal(value, back);
            Assert.Equal(mantissa, back.Mantissa);
            Assert.Equal(exponent, back.Exponent);
            Assert.True(back.IsNumber);
        }
    }
}

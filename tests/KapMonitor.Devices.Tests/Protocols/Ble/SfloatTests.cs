using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

public class SfloatTests
{
    // HL7/phd "MDER FLOATs and SFLOATs" table, bytes in wire (LE) order.
    [Theory]
    [InlineData(0x0002, "02 00", 0, 2, 2.0)]
    [InlineData(0xF014, "14 F0", -1, 20, 2.0)]
    [InlineData(0xE0C8, "C8 E0", -2, 200, 2.0)]
    [InlineData(0x1002, "02 10", 1, 2, 20.0)]
    [InlineData(0x2002, "02 20", 2, 2, 200.0)]
    [InlineData(0x04D2, "D2 04", 0, 1234, 1234.0)]
    [InlineData(0x0B2E, "2E 0B", 0, -1234, -1234.0)]
    public void Spec_vectors_decode(int raw, string wire, int exponent, int mantissa, double value)
    {
        var bytes = BleHex.Bytes(wire);
        var sfloat = Sfloat.Read(bytes);

        Assert.Equal((ushort)raw, sfloat.Raw);
        Assert.Equal(exponent, sfloat.Exponent);
        Assert.Equal(mantissa, sfloat.Mantissa);
        Assert.Equal(value, sfloat.Value);
        Assert.Equal(value, Sfloat.Read(bytes, out var special));
        Assert.Equal(MderSpecial.None, special);
        Assert.True(sfloat.IsNumber);
    }

    [Theory]
    [InlineData(0x0002, 2, 0)]
    [InlineData(0xF014, 20, -1)]
    [InlineData(0xE0C8, 200, -2)]
    [InlineData(0x1002, 2, 1)]
    [InlineData(0x2002, 2, 2)]
    [InlineData(0x04D2, 1234, 0)]
    [InlineData(0x0B2E, -1234, 0)]
    public void Spec_vectors_encode_byte_exact(int raw, int mantissa, int exponent)
    {
        var sfloat = Sfloat.Create(mantissa, exponent);
        var bytes = new byte[2];
        sfloat.Write(bytes);

        Assert.Equal((ushort)raw, sfloat.Raw);
        Assert.Equal([(byte)raw, (byte)(raw >> 8)], bytes);
    }

    [Theory]
    [InlineData(0x07FF, MderSpecial.NaN)]
    [InlineData(0x0800, MderSpecial.NotAtResolution)]
    [InlineData(0x07FE, MderSpecial.PositiveInfinity)]
    [InlineData(0x0802, MderSpecial.NegativeInfinity)]
    [InlineData(0x0801, MderSpecial.Reserved)]
    public void Specials_are_recognised_on_the_whole_raw_value(int raw, MderSpecial expected)
    {
        double value = Sfloat.Decode((ushort)raw, out var special);

        Assert.Equal(expected, special);
        Assert.Equal(expected, new Sfloat((ushort)raw).Special);
        Assert.Equal((ushort)raw, Sfloat.FromSpecial(expected).Raw);
        switch (expected)
        {
            case MderSpecial.PositiveInfinity:
                Assert.Equal(double.PositiveInfinity, value);
                break;
            case MderSpecial.NegativeInfinity:
                Assert.Equal(double.NegativeInfinity, value);
                break;
            default:
                Assert.True(double.IsNaN(value));
                break;
        }
    }

    [Theory]
    [InlineData(0x17FF, 20470.0)] // NaN's mantissa with exponent 1 is an ordinary number.
    [InlineData(0x1800, -20480.0)]
    [InlineData(0xF7FE, 204.6)]
    public void Special_mantissas_with_other_exponents_are_numbers(int raw, double expected)
    {
        Assert.Equal(expected, Sfloat.Decode((ushort)raw, out var special), 9);
        Assert.Equal(MderSpecial.None, special);
    }

    [Theory]
    [InlineData(0xF0B0, -1, 176, 17.6)] // the obniz trap: >> 12 without sign extension reads 176e15
    [InlineData(0x80FF, -8, 255, 255e-8)]
    [InlineData(0x8078, -8, 120, 120e-8)] // "78 80" is not 120 mmHg
    [InlineData(0x7001, 7, 1, 1e7)]
    [InlineData(0xFFFF, -1, -1, -0.1)]
    [InlineData(0x0FFF, 0, -1, -1.0)]
    [InlineData(0x0803, 0, -2045, -2045.0)]
    public void Exponent_and_mantissa_are_sign_extended(int raw, int exponent, int mantissa, double value)
    {
        var sfloat = new Sfloat((ushort)raw);

        Assert.Equal(exponent, sfloat.Exponent);
        Assert.Equal(mantissa, sfloat.Mantissa);
        Assert.Equal(value, sfloat.Value, 12);
    }

    [Fact]
    public void Integers_encode_with_exponent_zero()
    {
        var bytes = new byte[2];
        Sfloat.FromInteger(120).Write(bytes);
        Assert.Equal(BleHex.Bytes("78 00"), bytes);

        Sfloat.FromInteger(138).Write(bytes);
        Assert.Equal(BleHex.Bytes("8A 00"), bytes);
    }

    [Theory]
    [InlineData(98.6, -1, 0xF3DA)]
    [InlineData(20.45, -2, 0xE7FD)]
    [InlineData(-0.5, -1, 0xFFFB)]
    [InlineData(20000, 1, 0x17D0)]
    public void Values_encode_at_an_explicit_exponent(double value, int exponent, int raw)
    {
        var sfloat = Sfloat.FromValue(value, exponent);

        Assert.Equal((ushort)raw, sfloat.Raw);
        Assert.Equal(value, sfloat.Value, 9);
    }

    [Theory]
    [InlineData(2046, 0)]
    [InlineData(-2046, 0)]
    [InlineData(2047, 3)]
    [InlineData(1, 8)]
    [InlineData(1, -9)]
    public void Encoders_refuse_what_does_not_fit(int mantissa, int exponent)
    {
        Assert.False(Sfloat.TryCreate(mantissa, exponent, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sfloat.Create(mantissa, exponent));
    }

    [Fact]
    public void Encoders_refuse_non_finite_values()
    {
        Assert.False(Sfloat.TryFromValue(double.NaN, 0, out _));
        Assert.False(Sfloat.TryFromValue(double.PositiveInfinity, 0, out _));
        Assert.False(Sfloat.TryFromValue(20460, 0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sfloat.FromSpecial(MderSpecial.None));
    }

    [Fact]
    public void Every_encodable_value_round_trips()
    {
        for (int exponent = Sfloat.MinExponent; exponent <= Sfloat.MaxExponent; exponent++)
        {
            for (int mantissa = -Sfloat.MaxEncodableMantissa; mantissa <= Sfloat.MaxEncodableMantissa; mantissa++)
            {
                var sfloat = Sfloat.Create(mantissa, exponent);
                Assert.Equal(MderSpecial.None, sfloat.Special);
                Assert.Equal(mantissa, sfloat.Mantissa);
                Assert.Equal(exponent, sfloat.Exponent);
            }
        }
    }
}

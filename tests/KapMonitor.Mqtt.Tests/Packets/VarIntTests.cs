using KapMonitor.Mqtt.Packets;

namespace KapMonitor.Mqtt.Tests.Packets;

public sealed class VarIntTests
{
    // MQTT 3.1.1 §2.2.3 values, checked against mosquitto (also 5.0 §1.5.5 Table 1-1 boundaries).
    [Theory]
    [InlineData(0, "00")]
    [InlineData(127, "7f")]
    [InlineData(128, "8001")]
    [InlineData(16383, "ff7f")]
    [InlineData(16384, "808001")]
    [InlineData(2097151, "ffff7f")]
    [InlineData(2097152, "80808001")]
    [InlineData(268435455, "ffffff7f")]
    public void Encodes_and_decodes_boundaries(int value, string hex)
    {
        var buffer = new byte[4];
        var written = MqttVarInt.Write(buffer, value);
        Assert.Equal(hex, Hex.Format(buffer.AsSpan(0, written)));
        Assert.Equal(written, MqttVarInt.GetSize(value));
        Assert.True(MqttVarInt.TryRead(Hex.Parse(hex), out var decoded, out var consumed));
        Assert.Equal(value, decoded);
        Assert.Equal(written, consumed);
    }

    [Theory]
    [InlineData("80")]
    [InlineData("ff ff")]
    [InlineData("ff ff ff")]
    public void Partial_integer_returns_false(string hex) =>
        Assert.False(MqttVarInt.TryRead(Hex.Parse(hex), out _, out _));

    [Theory]
    [InlineData("ff ff ff ff 01")]
    [InlineData("80 00")]
    [InlineData("80 80 00")]
    public void Five_bytes_or_non_minimal_is_malformed(string hex) =>
        Assert.Throws<MqttProtocolException>(() => MqttVarInt.TryRead(Hex.Parse(hex), out _, out _));

    [Fact]
    public void Out_of_range_value_is_a_caller_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MqttVarInt.GetSize(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MqttVarInt.GetSize(268435456));
    }

    [Fact]
    public void Seeded_random_values_round_trip()
    {
        var random = new Random(1883);
        var buffer = new byte[4];
        for (var i = 0; i < 10_000; i++)
        {
            var value = random.Next(0, MqttVarInt.MaxValue + 1) >> random.Next(0, 28);
            var written = MqttVarInt.Write(buffer, value);
            Assert.True(MqttVarInt.TryRead(buffer.AsSpan(0, written), out var decoded, out var consumed));
            Assert.Equal((value, written), (decoded, consumed));
        }
    }
}

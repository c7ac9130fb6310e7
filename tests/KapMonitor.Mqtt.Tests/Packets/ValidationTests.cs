using KapMonitor.Mqtt.Packets;

namespace KapMonitor.Mqtt.Tests.Packets;

/// <summary>Malformed input the decoder must reject with <see cref="MqttProtocolException"/> (MQTT 3.1.1 §2.2, §1.5.3, §4.7; 5.0 §2.1, §1.5).</summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData("36 05 00 01 61 00 01", "QoS 3")] // PUBLISH flags 0110
    [InlineData("38 03 00 01 61", "DUP = 1 with QoS 0")]
    [InlineData("30 03 00 01 2b", "wildcard")] // topic "+"
    [InlineData("30 03 00 01 23", "wildcard")] // topic "#"
    [InlineData("30 03 00 01 00", "U+0000")]
    [InlineData("30 02 00 00", "empty topic")]
    [InlineData("32 05 00 01 61 00 00", "packet identifier 0")]
    [InlineData("30 03 00 01 ff", "UTF-8")]
    [InlineData("80 08 00 01 00 03 61 2f 62 01", "flags")] // SUBSCRIBE with flags 0000
    [InlineData("a0 07 00 02 00 03 61 2f 62", "flags")] // UNSUBSCRIBE with flags 0000
    [InlineData("63 02 00 03", "flags")] // PUBREL with flags 0011
    [InlineData("41 02 00 01", "flags")] // PUBACK with flags 0001
    [InlineData("82 08 00 01 00 03 61 2f 62 03", "QoS 3")]
    [InlineData("82 08 00 01 00 03 61 23 62 01", "'#'")] // "a#b"
    [InlineData("82 08 00 01 00 03 23 2f 61 01", "'#'")] // "#/a"
    [InlineData("82 08 00 01 00 03 61 2b 62 01", "'+'")] // "a+b"
    [InlineData("82 02 00 01", "no topic filter")]
    [InlineData("a2 02 00 01", "no topic filter")]
    [InlineData("40 03 00 01 00", "trailing")]
    [InlineData("40 01 00", "ends before")]
    [InlineData("20 02 02 00", "reserved")]
    [InlineData("20 02 00 06", "return code 6")]
    [InlineData("00 00", "Reserved control packet type")]
    [InlineData("f0 00", "Reserved control packet type")] // AUTH in 3.1.1
    [InlineData("10 0c 00 04 4d 51 54 54 06 02 00 3c 00 00", "protocol level 6")]
    [InlineData("10 0c 00 04 4d 51 54 54 04 03 00 3c 00 00", "reserved flag")]
    [InlineData("10 0c 00 04 4d 51 54 54 04 42 00 3c 00 00", "password without a user name")]
    public void Malformed_311_input_is_rejected_with_a_reason(string hex, string expected)
    {
        var ex = Assert.Throws<MqttProtocolException>(() => MqttPacketReader.Decode(Hex.Parse(hex), MqttProtocolVersion.V311));
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("40 06 00 01 00 02 11 00", "must not carry")] // Session Expiry in PUBACK
    [InlineData("20 0b 00 00 08 21 00 0a 21 00 0b 00 00", "repeats")]
    [InlineData("20 06 00 00 03 21 00 00", "must not be 0")] // Receive Maximum 0
    [InlineData("20 05 00 00 02 25 02", "0 or 1")] // Retain Available 2
    [InlineData("20 05 00 00 02 7f 00", "unknown property")]
    [InlineData("20 05 00 00 05 21 00", "ends before")] // property length beyond body
    [InlineData("40 03 00 01 07", "unknown reason code")]
    [InlineData("30 0a 00 01 61 06 08 00 03 61 2f 23", "Response Topic")]
    public void Malformed_50_properties_are_rejected(string hex, string expected)
    {
        var ex = Assert.Throws<MqttProtocolException>(() => MqttPacketReader.Decode(Hex.Parse(hex), MqttProtocolVersion.V500));
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Oversized_packet_is_rejected_from_the_fixed_header_alone()
    {
        var buffer = new System.Buffers.ReadOnlySequence<byte>(Hex.Parse("30 ff ff 7f"));
        var ex = Assert.Throws<MqttProtocolException>(() => MqttPacketReader.TryRead(ref buffer, MqttProtocolVersion.V500, out _, maximumPacketSize: 1024));
        Assert.Equal(MqttReasonCode.PacketTooLarge, ex.Reason);
    }

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("a/+/c", true)]
    [InlineData("+", true)]
    [InlineData("#", true)]
    [InlineData("a/#", true)]
    [InlineData("+/+/#", true)]
    [InlineData("/", true)]
    [InlineData("a#", false)]
    [InlineData("a/#/b", false)]
    [InlineData("a/b#", false)]
    [InlineData("a+/b", false)]
    [InlineData("a/+b", false)]
    [InlineData("", false)]
    [InlineData("a\0b", false)]
    public void Topic_filter_rules(string filter, bool valid) => Assert.Equal(valid, MqttTopic.IsValidFilter(filter));

    [Theory]
    [InlineData("vitals/bed1/spo2", true)]
    [InlineData("vitals/+/spo2", false)]
    [InlineData("vitals/#", false)]
    [InlineData("", false)]
    [InlineData("a\0", false)]
    public void Topic_name_rules(string topic, bool valid) => Assert.Equal(valid, MqttTopic.IsValidName(topic));

    [Fact]
    public void Encoder_refuses_caller_bugs()
    {
        var writer = new MqttPacketWriter();
        Assert.Throws<ArgumentException>(() => writer.Encode(new MqttPublishPacket { Topic = "a/+", QualityOfService = MqttQualityOfService.AtMostOnce }, MqttProtocolVersion.V500));
        Assert.Throws<ArgumentException>(() => writer.Encode(new MqttPublishPacket { Topic = "a", QualityOfService = MqttQualityOfService.AtLeastOnce }, MqttProtocolVersion.V500));
        Assert.Throws<ArgumentException>(() => writer.Encode(new MqttPubAckPacket(), MqttProtocolVersion.V311));
        Assert.Throws<ArgumentException>(() => writer.Encode(new MqttSubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "a/#/b" }] }, MqttProtocolVersion.V311));
        Assert.Throws<ArgumentException>(() => writer.Encode(new MqttPublishPacket { Topic = "a\0" }, MqttProtocolVersion.V311));
    }
}

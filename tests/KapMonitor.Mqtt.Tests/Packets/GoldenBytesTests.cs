using System.Text;
using KapMonitor.Mqtt.Packets;

namespace KapMonitor.Mqtt.Tests.Packets;

/// <summary>
/// Byte vectors verified against mosquitto 2.0.11 and, for the packet types the
/// lab log does not show, derived by hand from the 3.1.1/5.0 layouts ([DERIVED], commented).
/// </summary>
public sealed class GoldenBytesTests
{
    private const MqttProtocolVersion V3 = MqttProtocolVersion.V311;
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;

    private static string Encode(MqttPacket packet, MqttProtocolVersion version) => Hex.Format(MqttPacketWriter.EncodeToArray(packet, version));

    private static T Decode<T>(string hex, MqttProtocolVersion version) where T : MqttPacket =>
        Assert.IsType<T>(MqttPacketReader.Decode(Hex.Parse(hex), version));

    [Fact]
    public void Connect_311_with_retained_will_matches_lab_vector()
    {
        const string lab = "10 32 00 04 4d 51 54 54 04 2e 00 3c 00 09 62 65 64 73 69 64 65 2d 31 00 12 76 69 74 61 6c 73 2f 62 65 64 31 2f 73 74 61 74 75 73 00 07 6f 66 66 6c 69 6e 65";
        var packet = new MqttConnectPacket
        {
            ProtocolVersion = V3,
            ClientId = "bedside-1",
            CleanStart = true,
            KeepAliveSeconds = 60,
            Will = new MqttWill
            {
                Message = new MqttApplicationMessage
                {
                    Topic = "vitals/bed1/status",
                    Payload = "offline"u8.ToArray(),
                    QualityOfService = MqttQualityOfService.AtLeastOnce,
                    Retain = true,
                },
            },
        };

        Assert.Equal(Hex.Format(Hex.Parse(lab)), Encode(packet, V3));
        var decoded = Decode<MqttConnectPacket>(lab, V3);
        Assert.Equal("bedside-1", decoded.ClientId);
        Assert.True(decoded.CleanStart);
        Assert.Equal(60, decoded.KeepAliveSeconds);
        Assert.Equal("vitals/bed1/status", decoded.Will!.Message.Topic);
        Assert.Equal("offline", Encoding.UTF8.GetString(decoded.Will.Message.Payload.Span));
        Assert.True(decoded.Will.Message.Retain);
        Assert.Equal(MqttQualityOfService.AtLeastOnce, decoded.Will.Message.QualityOfService);
    }

    [Theory]
    [InlineData("20 02 00 00", MqttReasonCode.Success)]
    [InlineData("20 02 00 01", MqttReasonCode.UnsupportedProtocolVersion)]
    [InlineData("20 02 00 02", MqttReasonCode.ClientIdentifierNotValid)]
    [InlineData("20 02 00 03", MqttReasonCode.ServerUnavailable)]
    [InlineData("20 02 00 04", MqttReasonCode.BadUserNameOrPassword)]
    [InlineData("20 02 00 05", MqttReasonCode.NotAuthorized)]
    public void ConnAck_311_return_codes_map_to_reason_codes(string hex, MqttReasonCode expected)
    {
        var connAck = Decode<MqttConnAckPacket>(hex, V3);
        Assert.Equal(expected, connAck.ReasonCode);
        Assert.False(connAck.SessionPresent);
        Assert.Equal(Hex.Format(Hex.Parse(hex)), Encode(connAck, V3));
    }

    [Fact]
    public void Publish_qos1_and_puback_match_lab_vectors()
    {
        const string lab = "32 16 00 10 76 69 74 61 6c 73 2f 62 65 64 31 2f 73 70 6f 32 00 01 39 37";
        var publish = new MqttPublishPacket { Topic = "vitals/bed1/spo2", Payload = "97"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 };
        Assert.Equal(Hex.Format(Hex.Parse(lab)), Encode(publish, V3));
        var decoded = Decode<MqttPublishPacket>(lab, V3);
        Assert.Equal((ushort)1, decoded.PacketId);
        Assert.Equal("97", Encoding.UTF8.GetString(decoded.Payload.Span));

        var pubAck = Decode<MqttPubAckPacket>("40 02 00 01", V3);
        Assert.Equal((ushort)1, pubAck.PacketId);
        Assert.Equal("40020001", Encode(pubAck, V3));
        Assert.Equal("40020001", Encode(pubAck, V5));
    }

    [Fact]
    public void Publish_qos2_flow_matches_lab_vectors()
    {
        const string lab = "34 16 00 10 76 69 74 61 6c 73 2f 62 65 64 31 2f 73 70 6f 32 00 02 39 38";
        var publish = new MqttPublishPacket { Topic = "vitals/bed1/spo2", Payload = "98"u8.ToArray(), QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 2 };
        Assert.Equal(Hex.Format(Hex.Parse(lab)), Encode(publish, V3));
        Assert.Equal((ushort)2, Decode<MqttPubRecPacket>("50 02 00 02", V3).PacketId);
        Assert.Equal("62020002", Encode(new MqttPubRelPacket { PacketId = 2 }, V3));
        Assert.Equal("62020002", Encode(new MqttPubRelPacket { PacketId = 2 }, V5));
        Assert.Equal((ushort)2, Decode<MqttPubCompPacket>("70 02 00 02", V3).PacketId);
        Assert.Equal((ushort)2, Decode<MqttPubRelPacket>("62 02 00 02", V5).PacketId);
    }

    [Fact]
    public void Pubrel_with_flags_0000_is_malformed()
    {
        var ex = Assert.Throws<MqttProtocolException>(() => MqttPacketReader.Decode(Hex.Parse("60 02 00 03"), V3));
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.Reason);
        Assert.Contains("0b0010", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Ping_packets_are_two_bytes(MqttProtocolVersion version)
    {
        Assert.Equal("c000", Encode(MqttPingReqPacket.Instance, version));
        Assert.Equal("d000", Encode(MqttPingRespPacket.Instance, version));
        Decode<MqttPingReqPacket>("c0 00", version);
        Decode<MqttPingRespPacket>("d0 00", version);
    }

    [Fact]
    public void Connect_50_with_properties_matches_lab_vector()
    {
        const string lab = "10 2d 00 04 4d 51 54 54 05 00 00 1e 17 11 00 00 0e 10 21 00 0a 26 00 04 73 69 74 65 00 06 77 61 72 64 2d 33 00 09 62 65 64 73 69 64 65 2d 35";
        var packet = new MqttConnectPacket
        {
            ProtocolVersion = V5,
            ClientId = "bedside-5",
            CleanStart = false,
            KeepAliveSeconds = 30,
            Properties = new MqttProperties { SessionExpiryInterval = 3600, ReceiveMaximum = 10, UserProperties = [new("site", "ward-3")] },
        };

        Assert.Equal(Hex.Format(Hex.Parse(lab)), Encode(packet, V5));
        var decoded = Decode<MqttConnectPacket>(lab, V3);
        Assert.Equal(V5, decoded.ProtocolVersion);
        Assert.False(decoded.CleanStart);
        Assert.Equal(3600u, decoded.Properties.SessionExpiryInterval);
        Assert.Equal((ushort)10, decoded.Properties.ReceiveMaximum);
        Assert.Equal(new MqttUserProperty("site", "ward-3"), Assert.Single(decoded.Properties.UserProperties));
    }

    [Fact]
    public void ConnAck_50_with_properties_matches_lab_vector()
    {
        var connAck = Decode<MqttConnAckPacket>("20 09 00 00 06 22 00 0a 21 00 14", V5);
        Assert.Equal(MqttReasonCode.Success, connAck.ReasonCode);
        Assert.Equal((ushort)10, connAck.Properties.TopicAliasMaximum);
        Assert.Equal((ushort)20, connAck.Properties.ReceiveMaximum);

        // Our encoder writes properties in identifier order, mosquitto wrote 0x22 before 0x21: same meaning.
        Assert.Equal("20090000062100142200" + "0a", Encode(connAck, V5));
    }

    [Fact]
    public void Publish_50_with_properties_matches_lab_vector()
    {
        const string lab = "32 42 00 10 76 69 74 61 6c 73 2f 62 65 64 31 2f 73 70 6f 32 00 07 22 02 00 00 00 3c 03 00 10 61 70 70 6c 69 63 61 74 69 6f 6e 2f 6a 73 6f 6e 26 00 04 75 6e 69 74 00 01 25 7b 22 73 70 6f 32 22 3a 39 37 7d";
        var publish = new MqttPublishPacket
        {
            Topic = "vitals/bed1/spo2",
            Payload = """{"spo2":97}"""u8.ToArray(),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PacketId = 7,
            Properties = new MqttProperties { MessageExpiryInterval = 60, ContentType = "application/json", UserProperties = [new("unit", "%")] },
        };

        Assert.Equal(Hex.Format(Hex.Parse(lab)), Encode(publish, V5));
        var decoded = Decode<MqttPublishPacket>(lab, V5);
        Assert.Equal("application/json", decoded.Properties.ContentType);
        Assert.Equal(60u, decoded.Properties.MessageExpiryInterval);

        var pubAck = Decode<MqttPubAckPacket>("40 03 00 07 10", V5);
        Assert.Equal(MqttReasonCode.NoMatchingSubscribers, pubAck.ReasonCode);
        Assert.Equal("4003000710", Encode(pubAck, V5));
    }

    [Fact]
    public void Disconnect_50_protocol_error_matches_lab_vector()
    {
        var disconnect = Decode<MqttDisconnectPacket>("e0 01 82", V5);
        Assert.Equal(MqttReasonCode.ProtocolError, disconnect.ReasonCode);
        Assert.Equal("e00182", Encode(disconnect, V5));
    }

    // [DERIVED] SUBSCRIBE id 1 "a/b" QoS 1: 82 len 00 01 | 00 03 'a' '/' 'b' | options.
    [Fact]
    public void Subscribe_both_versions()
    {
        var v3 = new MqttSubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "a/b", QualityOfService = MqttQualityOfService.AtLeastOnce }] };
        Assert.Equal("820800010003612f6201", Encode(v3, V3));
        Assert.Equal("a/b", Decode<MqttSubscribePacket>("820800010003612f6201", V3).Subscriptions[0].TopicFilter);

        // 5.0: Subscription Identifier 5; options = QoS 1 | No Local (0x04) | Retain Handling 1 (0x10) = 0x15.
        var v5 = new MqttSubscribePacket
        {
            PacketId = 1,
            Subscriptions = [new MqttSubscription { TopicFilter = "a/b", QualityOfService = MqttQualityOfService.AtLeastOnce, NoLocal = true, RetainHandling = 1 }],
            Properties = new MqttProperties { SubscriptionIdentifiers = [5] },
        };
        Assert.Equal("820b0001020b050003612f6215", Encode(v5, V5));
        var decoded = Decode<MqttSubscribePacket>("820b0001020b050003612f6215", V5);
        Assert.True(decoded.Subscriptions[0].NoLocal);
        Assert.Equal((byte)1, decoded.Subscriptions[0].RetainHandling);
        Assert.Equal(5u, Assert.Single(decoded.Properties.SubscriptionIdentifiers));
    }

    [Fact]
    public void SubAck_both_versions()
    {
        var v3 = Decode<MqttSubAckPacket>("90 04 00 01 01 80", V3);
        Assert.Equal([MqttReasonCode.GrantedQoS1, MqttReasonCode.UnspecifiedError], v3.ReasonCodes);
        Assert.Equal("900400010180", Encode(v3, V3));
        var v5 = Decode<MqttSubAckPacket>("90 04 00 01 00 02", V5);
        Assert.Equal(MqttReasonCode.GrantedQoS2, Assert.Single(v5.ReasonCodes));
        Assert.Equal("900400010002", Encode(v5, V5));
    }

    [Fact]
    public void Unsubscribe_and_unsuback_both_versions()
    {
        var unsubscribe = new MqttUnsubscribePacket { PacketId = 2, TopicFilters = ["a/b"] };
        Assert.Equal("a20700020003612f62", Encode(unsubscribe, V3));
        Assert.Equal("a2080002000003612f62", Encode(unsubscribe, V5));
        Assert.Equal("a/b", Decode<MqttUnsubscribePacket>("a2080002000003612f62", V5).TopicFilters[0]);

        Assert.Equal((ushort)2, Decode<MqttUnsubAckPacket>("b0 02 00 02", V3).PacketId);
        var v5 = Decode<MqttUnsubAckPacket>("b0 04 00 02 00 11", V5);
        Assert.Equal(MqttReasonCode.NoSubscriptionExisted, Assert.Single(v5.ReasonCodes));
        Assert.Equal("b00400020011", Encode(v5, V5));
    }

    [Fact]
    public void Disconnect_both_versions()
    {
        Assert.Equal("e000", Encode(new MqttDisconnectPacket(), V3));
        Assert.Equal("e000", Encode(new MqttDisconnectPacket(), V5));
        var withWill = new MqttDisconnectPacket { ReasonCode = MqttReasonCode.DisconnectWithWillMessage, Properties = new MqttProperties { SessionExpiryInterval = 0 } };
        Assert.Equal("e00704051100000000", Encode(withWill, V5));
        Assert.Equal(MqttReasonCode.DisconnectWithWillMessage, Decode<MqttDisconnectPacket>("e00704051100000000", V5).ReasonCode);
    }

    [Fact]
    public void Auth_exists_only_in_50()
    {
        Assert.Equal("f000", Encode(new MqttAuthPacket(), V5));
        Assert.Equal("f00118", Encode(new MqttAuthPacket { ReasonCode = MqttReasonCode.ContinueAuthentication }, V5));
        Assert.Equal(MqttReasonCode.ContinueAuthentication, Decode<MqttAuthPacket>("f0 02 18 00", V5).ReasonCode);
        Assert.Throws<MqttProtocolException>(() => MqttPacketReader.Decode(Hex.Parse("f0 00"), V3));
        Assert.Throws<ArgumentException>(() => Encode(new MqttAuthPacket(), V3));
    }

    [Fact]
    public void Ack_reason_and_properties_shortening_decodes_all_three_forms()
    {
        Assert.Equal(MqttReasonCode.Success, Decode<MqttPubRecPacket>("50 02 00 09", V5).ReasonCode);
        Assert.Equal(MqttReasonCode.QuotaExceeded, Decode<MqttPubRecPacket>("50 03 00 09 97", V5).ReasonCode);
        var full = Decode<MqttPubCompPacket>("70 08 00 09 92 04 1f 00 01 78", V5);
        Assert.Equal(MqttReasonCode.PacketIdentifierNotFound, full.ReasonCode);
        Assert.Equal("x", full.Properties.ReasonString);
        Assert.Equal("70080009920 41f000178".Replace(" ", "", StringComparison.Ordinal), Encode(full, V5));
    }
}

using KapMonitor.Mqtt.Packets;

namespace KapMonitor.Mqtt.Tests.Packets;

/// <summary>Seeded generator of valid packets of every type, with only the properties each packet may carry (5.0 §2.2.2.2).</summary>
internal sealed class RandomPackets(int seed)
{
    private readonly Random _random = new(seed);

    public MqttPacket Next(MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        var type = (MqttPacketType)_random.Next(1, v5 ? 16 : 15);
        return type switch
        {
            MqttPacketType.Connect => FixPassword(v5, new MqttConnectPacket
            {
                ProtocolVersion = version,
                ClientId = Text(0, 23),
                CleanStart = Bool(),
                KeepAliveSeconds = (ushort)_random.Next(0, 65536),
                UserName = Bool() ? Text(0, 10) : null,
                Password = Maybe(() => (ReadOnlyMemory<byte>?)Bytes(0, 12)),
                Will = Bool() ? new MqttWill { Message = Message(v5), DelayInterval = v5 ? Maybe(() => (uint?)_random.Next()) : null } : null,
                Properties = v5 ? new MqttProperties
                {
                    SessionExpiryInterval = Maybe(() => (uint?)_random.Next()),
                    ReceiveMaximum = Maybe(() => (ushort?)_random.Next(1, 65536)),
                    MaximumPacketSize = Maybe(() => (uint?)_random.Next(1, int.MaxValue)),
                    TopicAliasMaximum = Maybe(() => (ushort?)_random.Next(0, 65536)),
                    RequestProblemInformation = Maybe(() => (byte?)_random.Next(0, 2)),
                    RequestResponseInformation = Maybe(() => (byte?)_random.Next(0, 2)),
                    AuthenticationMethod = Maybe(() => Text(1, 8)),
                    AuthenticationData = Maybe(() => (ReadOnlyMemory<byte>?)Bytes(0, 8)),
                    UserProperties = UserProperties(),
                } : MqttProperties.Empty,
            }),
            MqttPacketType.ConnAck => new MqttConnAckPacket
            {
                ReasonCode = v5 ? Pick(MqttReasonCode.Success, MqttReasonCode.BadUserNameOrPassword, MqttReasonCode.Banned) : Pick(MqttReasonCode.Success, MqttReasonCode.NotAuthorized),
                Properties = v5 ? new MqttProperties
                {
                    AssignedClientIdentifier = Maybe(() => Text(1, 20)),
                    ServerKeepAlive = Maybe(() => (ushort?)_random.Next(0, 65536)),
                    ReceiveMaximum = Maybe(() => (ushort?)_random.Next(1, 65536)),
                    MaximumQoS = Maybe(() => (byte?)_random.Next(0, 2)),
                    RetainAvailable = Maybe(() => (byte?)_random.Next(0, 2)),
                    WildcardSubscriptionAvailable = Maybe(() => (byte?)_random.Next(0, 2)),
                    SubscriptionIdentifierAvailable = Maybe(() => (byte?)_random.Next(0, 2)),
                    SharedSubscriptionAvailable = Maybe(() => (byte?)_random.Next(0, 2)),
                    ResponseInformation = Maybe(() => Text(0, 8)),
                    ServerReference = Maybe(() => Text(0, 8)),
                    ReasonString = Maybe(() => Text(0, 20)),
                    UserProperties = UserProperties(),
                } : MqttProperties.Empty,
            },
            MqttPacketType.Publish => Publish(v5),
            MqttPacketType.PubAck => new MqttPubAckPacket { PacketId = Id(), ReasonCode = v5 ? Pick(MqttReasonCode.Success, MqttReasonCode.NoMatchingSubscribers, MqttReasonCode.QuotaExceeded) : 0, Properties = AckProperties(v5) },
            MqttPacketType.PubRec => new MqttPubRecPacket { PacketId = Id(), ReasonCode = v5 ? Pick(MqttReasonCode.Success, MqttReasonCode.PacketIdentifierInUse) : 0, Properties = AckProperties(v5) },
            MqttPacketType.PubRel => new MqttPubRelPacket { PacketId = Id(), ReasonCode = v5 ? Pick(MqttReasonCode.Success, MqttReasonCode.PacketIdentifierNotFound) : 0, Properties = AckProperties(v5) },
            MqttPacketType.PubComp => new MqttPubCompPacket { PacketId = Id(), ReasonCode = v5 ? Pick(MqttReasonCode.Success, MqttReasonCode.PacketIdentifierNotFound) : 0, Properties = AckProperties(v5) },
            MqttPacketType.Subscribe => new MqttSubscribePacket
            {
                PacketId = Id(),
                Subscriptions = [.. Enumerable.Range(0, _random.Next(1, 4)).Select(_ => new MqttSubscription
                {
                    TopicFilter = Filter(),
                    QualityOfService = (MqttQualityOfService)_random.Next(0, 3),
                    NoLocal = v5 && Bool(),
                    RetainAsPublished = v5 && Bool(),
                    RetainHandling = v5 ? (byte)_random.Next(0, 3) : (byte)0,
                })],
                Properties = v5 ? new MqttProperties { SubscriptionIdentifiers = Bool() ? [(uint)_random.Next(1, MqttVarInt.MaxValue)] : [], UserProperties = UserProperties() } : MqttProperties.Empty,
            },
            MqttPacketType.SubAck => new MqttSubAckPacket
            {
                PacketId = Id(),
                ReasonCodes = [.. Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pick(MqttReasonCode.Success, MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.UnspecifiedError))],
                Properties = AckProperties(v5),
            },
            MqttPacketType.Unsubscribe => new MqttUnsubscribePacket
            {
                PacketId = Id(),
                TopicFilters = [.. Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Filter())],
                Properties = v5 ? new MqttProperties { UserProperties = UserProperties() } : MqttProperties.Empty,
            },
            MqttPacketType.UnsubAck => new MqttUnsubAckPacket
            {
                PacketId = Id(),
                ReasonCodes = v5 ? [.. Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pick(MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted))] : [],
                Properties = AckProperties(v5),
            },
            MqttPacketType.PingReq => MqttPingReqPacket.Instance,
            MqttPacketType.PingResp => MqttPingRespPacket.Instance,
            MqttPacketType.Disconnect => new MqttDisconnectPacket
            {
                ReasonCode = v5 ? Pick(MqttReasonCode.Success, MqttReasonCode.DisconnectWithWillMessage, MqttReasonCode.ServerShuttingDown) : 0,
                Properties = v5 ? new MqttProperties { SessionExpiryInterval = Maybe(() => (uint?)_random.Next()), ReasonString = Maybe(() => Text(0, 10)), ServerReference = Maybe(() => Text(0, 5)), UserProperties = UserProperties() } : MqttProperties.Empty,
            },
            _ => new MqttAuthPacket
            {
                ReasonCode = Pick(MqttReasonCode.Success, MqttReasonCode.ContinueAuthentication, MqttReasonCode.ReAuthenticate),
                Properties = new MqttProperties { AuthenticationMethod = Maybe(() => Text(1, 8)), AuthenticationData = Maybe(() => (ReadOnlyMemory<byte>?)Bytes(0, 8)), ReasonString = Maybe(() => Text(0, 8)), UserProperties = UserProperties() },
            },
        };
    }

    // 3.1.1 forbids a password without a user name (3.1.1 [MQTT-3.1.2-22]).
    private static MqttConnectPacket FixPassword(bool v5, MqttConnectPacket p) =>
        v5 || p.UserName is not null ? p : p with { Password = null };

    private MqttPublishPacket Publish(bool v5)
    {
        var qos = (MqttQualityOfService)_random.Next(0, 3);
        var message = Message(v5);
        return new MqttPublishPacket
        {
            Topic = message.Topic,
            Payload = Bytes(0, _random.Next(0, 4) == 0 ? 400 : 20),
            QualityOfService = qos,
            Retain = Bool(),
            Duplicate = qos != 0 && Bool(),
            PacketId = qos == 0 ? (ushort)0 : Id(),
            Properties = v5 ? message.ToProperties() with
            {
                TopicAlias = Maybe(() => (ushort?)_random.Next(1, 65536)),
                SubscriptionIdentifiers = Bool() ? [(uint)_random.Next(1, 200), (uint)_random.Next(1, MqttVarInt.MaxValue)] : [],
            } : MqttProperties.Empty,
        };
    }

    private MqttApplicationMessage Message(bool v5) => new()
    {
        Topic = Topic(),
        Payload = Bytes(0, 30),
        QualityOfService = (MqttQualityOfService)_random.Next(0, 3),
        Retain = Bool(),
        MessageExpiryInterval = v5 ? Maybe(() => (uint?)_random.Next()) : null,
        ContentType = v5 ? Maybe(() => Text(0, 16)) : null,
        PayloadFormatIndicator = v5 ? Maybe(() => (byte?)_random.Next(0, 2)) : null,
        ResponseTopic = v5 ? Maybe(Topic) : null,
        CorrelationData = v5 ? Maybe(() => (ReadOnlyMemory<byte>?)Bytes(0, 16)) : null,
        UserProperties = v5 ? UserProperties() : [],
    };

    private MqttProperties AckProperties(bool v5) =>
        v5 && Bool() ? new MqttProperties { ReasonString = Maybe(() => Text(0, 12)), UserProperties = UserProperties() } : MqttProperties.Empty;

    private MqttUserProperty[] UserProperties() =>
        [.. Enumerable.Range(0, _random.Next(0, 3) == 0 ? _random.Next(1, 4) : 0).Select(_ => new MqttUserProperty(Text(0, 8), Text(0, 8)))];

    private ushort Id() => (ushort)_random.Next(1, 65536);

    private bool Bool() => _random.Next(2) == 1;

    private T Pick<T>(params T[] values) => values[_random.Next(values.Length)];

    private T? Maybe<T>(Func<T?> make) => _random.Next(3) == 0 ? make() : default;

    private byte[] Bytes(int min, int max)
    {
        var bytes = new byte[_random.Next(min, max + 1)];
        _random.NextBytes(bytes);
        return bytes;
    }

    // Text includes multi-byte UTF-8 (é, 中, 😀) so lengths are counted in bytes, not chars.
    private string Text(int min, int max)
    {
        string[] pieces = ["a", "b", "z", "0", "-", "é", "中", "😀", " "];
        var count = _random.Next(min, max + 1);
        return string.Concat(Enumerable.Range(0, count).Select(_ => pieces[_random.Next(pieces.Length)]));
    }

    private string Topic() => string.Join('/', Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Text(1, 6)));

    private string Filter() => "f/" + string.Join('/', Enumerable.Range(0, _random.Next(1, 5)).Select(_ => _random.Next(5) switch
    {
        0 => "+",
        _ => Text(0, 6),
    })) + (Bool() ? "/#" : "");
}

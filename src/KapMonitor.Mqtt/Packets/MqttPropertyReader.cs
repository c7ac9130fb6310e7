using System.Buffers;

namespace KapMonitor.Mqtt.Packets;

/// <summary>
/// Decodes a 5.0 property block and enforces where each property may appear (5.0 §2.2.2.2), that only
/// User Property and Subscription Identifier repeat, and the value ranges the spec calls Protocol Errors.
/// </summary>
internal static class MqttPropertyReader
{
    /// <summary>The context bit for Will Properties; packets use <c>1 &lt;&lt; type</c>.</summary>
    public const int WillContext = 1;

    private const int Connect = 1 << (int)MqttPacketType.Connect;
    private const int ConnAck = 1 << (int)MqttPacketType.ConnAck;
    private const int Publish = 1 << (int)MqttPacketType.Publish;
    private const int PubAck = 1 << (int)MqttPacketType.PubAck;
    private const int PubRec = 1 << (int)MqttPacketType.PubRec;
    private const int PubRel = 1 << (int)MqttPacketType.PubRel;
    private const int PubComp = 1 << (int)MqttPacketType.PubComp;
    private const int Subscribe = 1 << (int)MqttPacketType.Subscribe;
    private const int SubAck = 1 << (int)MqttPacketType.SubAck;
    private const int Unsubscribe = 1 << (int)MqttPacketType.Unsubscribe;
    private const int UnsubAck = 1 << (int)MqttPacketType.UnsubAck;
    private const int Disconnect = 1 << (int)MqttPacketType.Disconnect;
    private const int Auth = 1 << (int)MqttPacketType.Auth;
    private const int Will = WillContext;

    // Index = property id; value = contexts allowed by the table in 5.0 §2.2.2.2 (0 = unknown id).
    private static readonly int[] s_allowed = BuildAllowedTable();

    public static int ContextOf(MqttPacketType type) => 1 << (int)type;

    public static MqttProperties Read(ref MqttBodyReader body, int context)
    {
        var length = body.ReadVarInt();
        if (length == 0)
        {
            return MqttProperties.Empty;
        }

        var block = new MqttBodyReader(body.TakeSequence(length), body.Type);
        var p = new MqttProperties();
        var seen = 0UL;
        List<MqttUserProperty>? userProperties = null;
        List<uint>? subscriptionIds = null;
        while (!block.End)
        {
            var rawId = block.ReadVarInt();
            if (rawId >= s_allowed.Length || s_allowed[rawId] == 0)
            {
                throw new MqttProtocolException($"{body.Type} contains unknown property identifier 0x{rawId:X2} (MQTT 5.0 2.2.2.2).");
            }

            var id = (MqttPropertyId)rawId;
            if ((s_allowed[rawId] & context) == 0)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{body.Type} must not carry property {id} (MQTT 5.0 2.2.2.2).");
            }

            if (id is not (MqttPropertyId.UserProperty or MqttPropertyId.SubscriptionIdentifier))
            {
                if ((seen & (1UL << rawId)) != 0)
                {
                    throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{body.Type} repeats property {id} (MQTT 5.0 2.2.2.2).");
                }

                seen |= 1UL << rawId;
            }

            switch (id)
            {
                case MqttPropertyId.PayloadFormatIndicator: p = p with { PayloadFormatIndicator = ReadFlag(ref block, id) }; break;
                case MqttPropertyId.MessageExpiryInterval: p = p with { MessageExpiryInterval = block.ReadUInt32() }; break;
                case MqttPropertyId.ContentType: p = p with { ContentType = block.ReadString() }; break;
                case MqttPropertyId.ResponseTopic: p = p with { ResponseTopic = ReadResponseTopic(ref block) }; break;
                case MqttPropertyId.CorrelationData: p = p with { CorrelationData = block.ReadBinary() }; break;
                case MqttPropertyId.SubscriptionIdentifier:
                    (subscriptionIds ??= []).Add((uint)NonZero(ref block, id, block.ReadVarInt()));
                    if (context == Subscribe && subscriptionIds.Count > 1)
                    {
                        throw new MqttProtocolException(MqttReasonCode.ProtocolError, "SUBSCRIBE carries more than one Subscription Identifier (MQTT 5.0 3.8.2.1.2).");
                    }

                    break;
                case MqttPropertyId.SessionExpiryInterval: p = p with { SessionExpiryInterval = block.ReadUInt32() }; break;
                case MqttPropertyId.AssignedClientIdentifier: p = p with { AssignedClientIdentifier = block.ReadString() }; break;
                case MqttPropertyId.ServerKeepAlive: p = p with { ServerKeepAlive = block.ReadUInt16() }; break;
                case MqttPropertyId.AuthenticationMethod: p = p with { AuthenticationMethod = block.ReadString() }; break;
                case MqttPropertyId.AuthenticationData: p = p with { AuthenticationData = block.ReadBinary() }; break;
                case MqttPropertyId.RequestProblemInformation: p = p with { RequestProblemInformation = ReadFlag(ref block, id) }; break;
                case MqttPropertyId.WillDelayInterval: p = p with { WillDelayInterval = block.ReadUInt32() }; break;
                case MqttPropertyId.RequestResponseInformation: p = p with { RequestResponseInformation = ReadFlag(ref block, id) }; break;
                case MqttPropertyId.ResponseInformation: p = p with { ResponseInformation = block.ReadString() }; break;
                case MqttPropertyId.ServerReference: p = p with { ServerReference = block.ReadString() }; break;
                case MqttPropertyId.ReasonString: p = p with { ReasonString = block.ReadString() }; break;
                case MqttPropertyId.ReceiveMaximum: p = p with { ReceiveMaximum = (ushort)NonZero(ref block, id, block.ReadUInt16()) }; break;
                case MqttPropertyId.TopicAliasMaximum: p = p with { TopicAliasMaximum = block.ReadUInt16() }; break;
                case MqttPropertyId.TopicAlias: p = p with { TopicAlias = (ushort)NonZero(ref block, id, block.ReadUInt16()) }; break;
                case MqttPropertyId.MaximumQoS: p = p with { MaximumQoS = ReadFlag(ref block, id) }; break;
                case MqttPropertyId.RetainAvailable: p = p with { RetainAvailable = ReadFlag(ref block, id) }; break;
                case MqttPropertyId.UserProperty:
                    var name = block.ReadString();
                    (userProperties ??= []).Add(new MqttUserProperty(name, block.ReadString()));
                    break;
                case MqttPropertyId.MaximumPacketSize: p = p with { MaximumPacketSize = (uint)NonZero(ref block, id, block.ReadUInt32()) }; break;
                case MqttPropertyId.WildcardSubscriptionAvailable: p = p with { WildcardSubscriptionAvailable = ReadFlag(ref block, id) }; break;
                case MqttPropertyId.SubscriptionIdentifierAvailable: p = p with { SubscriptionIdentifierAvailable = ReadFlag(ref block, id) }; break;
                case MqttPropertyId.SharedSubscriptionAvailable: p = p with { SharedSubscriptionAvailable = ReadFlag(ref block, id) }; break;
                default:
                    throw new MqttProtocolException($"{body.Type} contains unknown property identifier 0x{rawId:X2}.");
            }
        }

        if (userProperties is not null)
        {
            p = p with { UserProperties = userProperties };
        }

        if (subscriptionIds is not null)
        {
            p = p with { SubscriptionIdentifiers = subscriptionIds };
        }

        return p;
    }

    // The byte-valued properties above are all 0 or 1 (5.0 §3.1.2.11.6–7, §3.2.2.3.4–5, §3.3.2.3.2 …).
    private static byte ReadFlag(ref MqttBodyReader block, MqttPropertyId id)
    {
        var value = block.ReadByte();
        return value <= 1
            ? value
            : throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{block.Type} property {id} must be 0 or 1 (found {value}).");
    }

    private static long NonZero(ref MqttBodyReader block, MqttPropertyId id, long value) =>
        value != 0 ? value : throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{block.Type} property {id} must not be 0 (MQTT 5.0 2.2.2.2).");

    private static string ReadResponseTopic(ref MqttBodyReader block)
    {
        var topic = block.ReadString();
        return MqttTopic.IsValidName(topic)
            ? topic
            : throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{block.Type} Response Topic '{topic}' is not a valid topic name (MQTT 5.0 3.3.2.3.5).");
    }

    private static int[] BuildAllowedTable()
    {
        var t = new int[0x2B];
        t[(int)MqttPropertyId.PayloadFormatIndicator] = Publish | Will;
        t[(int)MqttPropertyId.MessageExpiryInterval] = Publish | Will;
        t[(int)MqttPropertyId.ContentType] = Publish | Will;
        t[(int)MqttPropertyId.ResponseTopic] = Publish | Will;
        t[(int)MqttPropertyId.CorrelationData] = Publish | Will;
        t[(int)MqttPropertyId.SubscriptionIdentifier] = Publish | Subscribe;
        t[(int)MqttPropertyId.SessionExpiryInterval] = Connect | ConnAck | Disconnect;
        t[(int)MqttPropertyId.AssignedClientIdentifier] = ConnAck;
        t[(int)MqttPropertyId.ServerKeepAlive] = ConnAck;
        t[(int)MqttPropertyId.AuthenticationMethod] = Connect | ConnAck | Auth;
        t[(int)MqttPropertyId.AuthenticationData] = Connect | ConnAck | Auth;
        t[(int)MqttPropertyId.RequestProblemInformation] = Connect;
        t[(int)MqttPropertyId.WillDelayInterval] = Will;
        t[(int)MqttPropertyId.RequestResponseInformation] = Connect;
        t[(int)MqttPropertyId.ResponseInformation] = ConnAck;
        t[(int)MqttPropertyId.ServerReference] = ConnAck | Disconnect;
        t[(int)MqttPropertyId.ReasonString] = ConnAck | PubAck | PubRec | PubRel | PubComp | SubAck | UnsubAck | Disconnect | Auth;
        t[(int)MqttPropertyId.ReceiveMaximum] = Connect | ConnAck;
        t[(int)MqttPropertyId.TopicAliasMaximum] = Connect | ConnAck;
        t[(int)MqttPropertyId.TopicAlias] = Publish;
        t[(int)MqttPropertyId.MaximumQoS] = ConnAck;
        t[(int)MqttPropertyId.RetainAvailable] = ConnAck;
        t[(int)MqttPropertyId.UserProperty] = Connect | ConnAck | Publish | Will | PubAck | PubRec | PubRel | PubComp |
            Subscribe | SubAck | Unsubscribe | UnsubAck | Disconnect | Auth;
        t[(int)MqttPropertyId.MaximumPacketSize] = Connect | ConnAck;
        t[(int)MqttPropertyId.WildcardSubscriptionAvailable] = ConnAck;
        t[(int)MqttPropertyId.SubscriptionIdentifierAvailable] = ConnAck;
        t[(int)MqttPropertyId.SharedSubscriptionAvailable] = ConnAck;
        return t;
    }
}

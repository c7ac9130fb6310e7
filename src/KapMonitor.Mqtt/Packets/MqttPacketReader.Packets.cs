namespace KapMonitor.Mqtt.Packets;

public static partial class MqttPacketReader
{
    private static MqttConnectPacket ReadConnect(ref MqttBodyReader reader)
    {
        var protocolName = reader.ReadString();
        var level = reader.ReadByte();
        if (protocolName != "MQTT")
        {
            throw new MqttProtocolException(MqttReasonCode.UnsupportedProtocolVersion, $"CONNECT protocol name is '{protocolName}', not 'MQTT' (MQTT 3.1.2.1).");
        }

        if (level is not ((byte)MqttProtocolVersion.V311 or (byte)MqttProtocolVersion.V500))
        {
            throw new MqttProtocolException(MqttReasonCode.UnsupportedProtocolVersion, $"CONNECT protocol level {level} is not supported (4 = 3.1.1, 5 = 5.0).");
        }

        var version = (MqttProtocolVersion)level;
        var v5 = version == MqttProtocolVersion.V500;
        var flags = reader.ReadByte();
        if ((flags & 0x01) != 0)
        {
            throw new MqttProtocolException("CONNECT reserved flag (bit 0) is set (MQTT 3.1.2-3).");
        }

        var hasWill = (flags & 0x04) != 0;
        var willQos = (flags >> 3) & 0x03;
        var willRetain = (flags & 0x20) != 0;
        if (willQos == 3)
        {
            throw new MqttProtocolException("CONNECT Will QoS is 3 (MQTT 3.1.2-14).");
        }

        if (!hasWill && (willQos != 0 || willRetain))
        {
            throw new MqttProtocolException("CONNECT sets Will QoS/Retain without the Will flag (MQTT 3.1.2-11, 3.1.2-13).");
        }

        var hasUserName = (flags & 0x80) != 0;
        var hasPassword = (flags & 0x40) != 0;
        if (!v5 && hasPassword && !hasUserName)
        {
            throw new MqttProtocolException("CONNECT has a password without a user name (MQTT 3.1.1 3.1.2-22).");
        }

        var keepAlive = reader.ReadUInt16();
        var properties = ReadPropertiesIf(ref reader, v5);
        var clientId = reader.ReadString();
        MqttWill? will = null;
        if (hasWill)
        {
            var willProperties = v5 ? MqttPropertyReader.Read(ref reader, MqttPropertyReader.WillContext) : MqttProperties.Empty;
            var topic = reader.ReadString();
            if (!MqttTopic.IsValidName(topic))
            {
                throw new MqttProtocolException($"CONNECT Will Topic '{topic}' is not a valid topic name (MQTT 3.1.3.3).");
            }

            var payload = reader.ReadBinary();
            will = new MqttWill
            {
                Message = ToApplicationMessage(topic, payload, (MqttQualityOfService)willQos, willRetain, willProperties),
                DelayInterval = willProperties.WillDelayInterval,
            };
        }

        var userName = hasUserName ? reader.ReadString() : null;
        ReadOnlyMemory<byte>? password = null;
        if (hasPassword)
        {
            // Not a conditional expression: a null literal would convert to an empty ReadOnlyMemory, not to null.
            password = reader.ReadBinary();
        }

        return new MqttConnectPacket
        {
            ProtocolVersion = version,
            ClientId = clientId,
            CleanStart = (flags & 0x02) != 0,
            KeepAliveSeconds = keepAlive,
            UserName = userName,
            Password = password,
            Will = will,
            Properties = properties,
        };
    }

    private static MqttConnAckPacket ReadConnAck(ref MqttBodyReader reader, bool v5)
    {
        var acknowledgeFlags = reader.ReadByte();
        if ((acknowledgeFlags & 0xFE) != 0)
        {
            throw new MqttProtocolException("CONNACK Connect Acknowledge Flags bits 7–1 are reserved and must be 0 (MQTT 3.2.2.1).");
        }

        var code = reader.ReadByte();
        MqttReasonCode reason;
        if (v5)
        {
            reason = Enum.IsDefined((MqttReasonCode)code) ? (MqttReasonCode)code
                : throw new MqttProtocolException($"CONNACK carries unknown reason code 0x{code:X2}.");
        }
        else
        {
            reason = code switch
            {
                0 => MqttReasonCode.Success,
                1 => MqttReasonCode.UnsupportedProtocolVersion,
                2 => MqttReasonCode.ClientIdentifierNotValid,
                3 => MqttReasonCode.ServerUnavailable,
                4 => MqttReasonCode.BadUserNameOrPassword,
                5 => MqttReasonCode.NotAuthorized,
                _ => throw new MqttProtocolException($"CONNACK carries return code {code}; 3.1.1 defines 0–5 (MQTT 3.2.2.3)."),
            };
        }

        var sessionPresent = (acknowledgeFlags & 0x01) != 0;
        if (sessionPresent && reason != MqttReasonCode.Success)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, "CONNACK refuses the connection yet sets Session Present (MQTT 3.2.2-4).");
        }

        return new MqttConnAckPacket { SessionPresent = sessionPresent, ReasonCode = reason, Properties = ReadPropertiesIf(ref reader, v5) };
    }

    private static MqttPublishPacket ReadPublish(ref MqttBodyReader reader, int flags, bool v5)
    {
        var qos = (flags >> 1) & 0x03;
        var dup = (flags & 0x08) != 0;
        if (qos == 3)
        {
            throw new MqttProtocolException("PUBLISH has QoS 3 (MQTT 3.3.1-4).");
        }

        if (qos == 0 && dup)
        {
            throw new MqttProtocolException("PUBLISH has DUP = 1 with QoS 0 (MQTT 3.3.1-2).");
        }

        var topic = reader.ReadString();
        var packetId = qos > 0 ? reader.ReadPacketId() : (ushort)0;
        var properties = ReadPropertiesIf(ref reader, v5);
        if (topic.Length == 0 && !(v5 && properties.TopicAlias is not null))
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, "PUBLISH has an empty topic name and no Topic Alias (MQTT 4.7.3-1).");
        }

        if (topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, $"PUBLISH topic name '{topic}' contains a wildcard (MQTT 3.3.2-2).");
        }

        return new MqttPublishPacket
        {
            Topic = topic,
            QualityOfService = (MqttQualityOfService)qos,
            Retain = (flags & 0x01) != 0,
            Duplicate = dup,
            PacketId = packetId,
            Properties = properties,
            Payload = reader.ReadToEnd(),
        };
    }

    private static MqttPublishResponsePacket ReadPublishResponse(ref MqttBodyReader reader, bool v5, MqttPublishResponsePacket empty)
    {
        var packetId = reader.ReadPacketId();
        if (!v5)
        {
            return empty with { PacketId = packetId };
        }

        var (reason, properties) = ReadOptionalReasonAndProperties(ref reader);
        return empty with { PacketId = packetId, ReasonCode = reason, Properties = properties };
    }

    private static MqttSubscribePacket ReadSubscribe(ref MqttBodyReader reader, bool v5)
    {
        var packetId = reader.ReadPacketId();
        var properties = ReadPropertiesIf(ref reader, v5);
        var subscriptions = new List<MqttSubscription>();
        while (!reader.End)
        {
            var filter = reader.ReadString();
            var error = MqttTopic.ValidateFilter(filter);
            if (error is not null)
            {
                throw new MqttProtocolException(MqttReasonCode.TopicFilterInvalid, error);
            }

            var options = reader.ReadByte();
            var reservedMask = v5 ? 0xC0 : 0xFC;
            if ((options & reservedMask) != 0 || (options & 0x03) == 3 || ((options >> 4) & 0x03) == 3)
            {
                throw new MqttProtocolException($"SUBSCRIBE options byte 0x{options:X2} sets reserved bits, QoS 3 or Retain Handling 3 (MQTT 3.8.3-4/5).");
            }

            subscriptions.Add(new MqttSubscription
            {
                TopicFilter = filter,
                QualityOfService = (MqttQualityOfService)(options & 0x03),
                NoLocal = (options & 0x04) != 0,
                RetainAsPublished = (options & 0x08) != 0,
                RetainHandling = (byte)((options >> 4) & 0x03),
            });
        }

        return subscriptions.Count > 0
            ? new MqttSubscribePacket { PacketId = packetId, Subscriptions = subscriptions, Properties = properties }
            : throw new MqttProtocolException(MqttReasonCode.ProtocolError, "SUBSCRIBE has no topic filter (MQTT 3.8.3-3).");
    }

    private static MqttSubAckPacket ReadSubAck(ref MqttBodyReader reader, bool v5)
    {
        var packetId = reader.ReadPacketId();
        var properties = ReadPropertiesIf(ref reader, v5);
        var codes = new List<MqttReasonCode>();
        while (!reader.End)
        {
            var code = ReadReasonCode(ref reader);
            if (!v5 && code is not (MqttReasonCode.Success or MqttReasonCode.GrantedQoS1 or MqttReasonCode.GrantedQoS2 or MqttReasonCode.UnspecifiedError))
            {
                throw new MqttProtocolException($"SUBACK return code 0x{(byte)code:X2} is not 0x00–0x02 or 0x80 (MQTT 3.1.1 3.9.3-2).");
            }

            codes.Add(code);
        }

        return codes.Count > 0
            ? new MqttSubAckPacket { PacketId = packetId, ReasonCodes = codes, Properties = properties }
            : throw new MqttProtocolException("SUBACK has no return code.");
    }

    private static MqttUnsubscribePacket ReadUnsubscribe(ref MqttBodyReader reader, bool v5)
    {
        var packetId = reader.ReadPacketId();
        var properties = ReadPropertiesIf(ref reader, v5);
        var filters = new List<string>();
        while (!reader.End)
        {
            var filter = reader.ReadString();
            var error = MqttTopic.ValidateFilter(filter);
            filters.Add(error is null ? filter : throw new MqttProtocolException(MqttReasonCode.TopicFilterInvalid, error));
        }

        return filters.Count > 0
            ? new MqttUnsubscribePacket { PacketId = packetId, TopicFilters = filters, Properties = properties }
            : throw new MqttProtocolException(MqttReasonCode.ProtocolError, "UNSUBSCRIBE has no topic filter (MQTT 3.10.3-2).");
    }

    private static MqttUnsubAckPacket ReadUnsubAck(ref MqttBodyReader reader, bool v5)
    {
        var packetId = reader.ReadPacketId();
        if (!v5)
        {
            return new MqttUnsubAckPacket { PacketId = packetId };
        }

        var properties = MqttPropertyReader.Read(ref reader, MqttPropertyReader.ContextOf(MqttPacketType.UnsubAck));
        var codes = new List<MqttReasonCode>();
        while (!reader.End)
        {
            codes.Add(ReadReasonCode(ref reader));
        }

        return new MqttUnsubAckPacket { PacketId = packetId, ReasonCodes = codes, Properties = properties };
    }

    private static MqttDisconnectPacket ReadDisconnect(ref MqttBodyReader reader, bool v5)
    {
        if (!v5)
        {
            return new MqttDisconnectPacket();
        }

        var (reason, properties) = ReadOptionalReasonAndProperties(ref reader);
        return new MqttDisconnectPacket { ReasonCode = reason, Properties = properties };
    }

    private static MqttAuthPacket ReadAuth(ref MqttBodyReader reader)
    {
        var (reason, properties) = ReadOptionalReasonAndProperties(ref reader);
        return new MqttAuthPacket { ReasonCode = reason, Properties = properties };
    }

    private static MqttApplicationMessage ToApplicationMessage(string topic, byte[] payload, MqttQualityOfService qos, bool retain, MqttProperties p) => new()
    {
        Topic = topic,
        Payload = payload,
        QualityOfService = qos,
        Retain = retain,
        MessageExpiryInterval = p.MessageExpiryInterval,
        ContentType = p.ContentType,
        PayloadFormatIndicator = p.PayloadFormatIndicator,
        ResponseTopic = p.ResponseTopic,
        CorrelationData = p.CorrelationData,
        UserProperties = p.UserProperties,
        SubscriptionIdentifiers = p.SubscriptionIdentifiers,
    };
}

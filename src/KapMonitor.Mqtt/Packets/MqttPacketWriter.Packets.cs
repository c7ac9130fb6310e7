namespace KapMonitor.Mqtt.Packets;

public sealed partial class MqttPacketWriter
{
    // Writes the variable header and payload; returns the first fixed-header byte (type << 4 | flags).
    private byte WriteBody(MqttPacket packet, MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        switch (packet)
        {
            case MqttConnectPacket p:
                WriteConnect(p);
                return 0x10;
            case MqttConnAckPacket p:
                WriteByte(p.SessionPresent ? (byte)1 : (byte)0);
                WriteByte(v5 ? (byte)p.ReasonCode : ToConnectReturnCode(p.ReasonCode));
                WritePropertiesIf(v5, p.Properties);
                return 0x20;
            case MqttPublishPacket p:
                return WritePublish(p, v5);
            case MqttPublishResponsePacket p:
                RequirePacketId(p.PacketId, p.Type);
                WriteUInt16(p.PacketId);
                if (v5)
                {
                    WriteReasonAndProperties(p.ReasonCode, p.Properties);
                }

                // PUBREL carries the mandatory flags 0b0010 (3.1.1 §3.6.1; 5.0 §3.6.1).
                return p.Type == MqttPacketType.PubRel ? (byte)0x62 : (byte)((byte)p.Type << 4);
            case MqttSubscribePacket p:
                WriteSubscribe(p, v5);
                return 0x82;
            case MqttSubAckPacket p:
                RequirePacketId(p.PacketId, p.Type);
                WriteUInt16(p.PacketId);
                WritePropertiesIf(v5, p.Properties);
                foreach (var code in p.ReasonCodes)
                {
                    WriteByte((byte)code);
                }

                return 0x90;
            case MqttUnsubscribePacket p:
                WriteUnsubscribe(p, v5);
                return 0xA2;
            case MqttUnsubAckPacket p:
                RequirePacketId(p.PacketId, p.Type);
                WriteUInt16(p.PacketId);
                if (v5)
                {
                    WriteProperties(p.Properties);
                    foreach (var code in p.ReasonCodes)
                    {
                        WriteByte((byte)code);
                    }
                }

                return 0xB0;
            case MqttPingReqPacket:
                return 0xC0;
            case MqttPingRespPacket:
                return 0xD0;
            case MqttDisconnectPacket p:
                if (v5)
                {
                    WriteReasonAndProperties(p.ReasonCode, p.Properties);
                }

                return 0xE0;
            case MqttAuthPacket p:
                if (!v5)
                {
                    throw new ArgumentException("AUTH exists only in MQTT 5.0.", nameof(packet));
                }

                WriteReasonAndProperties(p.ReasonCode, p.Properties);
                return 0xF0;
            default:
                throw new ArgumentException($"Unknown packet type {packet.GetType().Name}.", nameof(packet));
        }
    }

    private void WriteConnect(MqttConnectPacket p)
    {
        var v5 = p.ProtocolVersion == MqttProtocolVersion.V500;
        if (p.ProtocolVersion is not (MqttProtocolVersion.V311 or MqttProtocolVersion.V500))
        {
            throw new ArgumentException($"Unsupported protocol version {p.ProtocolVersion}.", nameof(p));
        }

        if (!v5 && p.Password is not null && p.UserName is null)
        {
            throw new ArgumentException("MQTT 3.1.1 does not allow a password without a user name (MQTT 3.1.2-22).", nameof(p));
        }

        var flags = 0;
        if (p.UserName is not null)
        {
            flags |= 0x80;
        }

        if (p.Password is not null)
        {
            flags |= 0x40;
        }

        if (p.Will is { } will)
        {
            MqttTopic.ThrowIfInvalidName(will.Message.Topic, nameof(p));
            flags |= 0x04 | ((int)will.Message.QualityOfService << 3) | (will.Message.Retain ? 0x20 : 0);
        }

        if (p.CleanStart)
        {
            flags |= 0x02;
        }

        WriteString("MQTT");
        WriteByte((byte)p.ProtocolVersion);
        WriteByte((byte)flags);
        WriteUInt16(p.KeepAliveSeconds);
        WritePropertiesIf(v5, p.Properties);
        WriteString(p.ClientId);
        if (p.Will is { } w)
        {
            WritePropertiesIf(v5, w.Message.ToProperties(w.DelayInterval));
            WriteString(w.Message.Topic);
            WriteBinary(w.Message.Payload.Span);
        }

        if (p.UserName is not null)
        {
            WriteString(p.UserName);
        }

        if (p.Password is { } password)
        {
            WriteBinary(password.Span);
        }
    }

    private byte WritePublish(MqttPublishPacket p, bool v5)
    {
        var qos = (int)p.QualityOfService;
        if (qos > 2)
        {
            throw new ArgumentException("QoS must be 0, 1 or 2.", nameof(p));
        }

        if (qos == 0 && (p.Duplicate || p.PacketId != 0))
        {
            throw new ArgumentException("A QoS 0 PUBLISH has no packet identifier and DUP = 0 (MQTT 2.3.1-5, 3.3.1-2).", nameof(p));
        }

        // 5.0 allows an empty topic when a Topic Alias stands in for it (5.0 §3.3.2.3.4).
        if (!(v5 && p.Topic.Length == 0 && p.Properties.TopicAlias is not null))
        {
            MqttTopic.ThrowIfInvalidName(p.Topic, nameof(p));
        }

        WriteString(p.Topic);
        if (qos > 0)
        {
            RequirePacketId(p.PacketId, MqttPacketType.Publish);
            WriteUInt16(p.PacketId);
        }

        WritePropertiesIf(v5, p.Properties);
        WriteRaw(p.Payload.Span);
        return (byte)(0x30 | (p.Duplicate ? 0x08 : 0) | (qos << 1) | (p.Retain ? 0x01 : 0));
    }

    private void WriteSubscribe(MqttSubscribePacket p, bool v5)
    {
        RequirePacketId(p.PacketId, p.Type);
        if (p.Subscriptions.Count == 0)
        {
            throw new ArgumentException("SUBSCRIBE needs at least one topic filter (MQTT 3.8.3-3).", nameof(p));
        }

        WriteUInt16(p.PacketId);
        WritePropertiesIf(v5, p.Properties);
        foreach (var s in p.Subscriptions)
        {
            MqttTopic.ThrowIfInvalidFilter(s.TopicFilter, nameof(p));
            if ((int)s.QualityOfService > 2 || s.RetainHandling > 2)
            {
                throw new ArgumentException("Subscription QoS must be 0..2 and Retain Handling 0..2.", nameof(p));
            }

            WriteString(s.TopicFilter);
            var options = (int)s.QualityOfService;
            if (v5)
            {
                options |= (s.NoLocal ? 0x04 : 0) | (s.RetainAsPublished ? 0x08 : 0) | (s.RetainHandling << 4);
            }

            WriteByte((byte)options);
        }
    }

    private void WriteUnsubscribe(MqttUnsubscribePacket p, bool v5)
    {
        RequirePacketId(p.PacketId, p.Type);
        if (p.TopicFilters.Count == 0)
        {
            throw new ArgumentException("UNSUBSCRIBE needs at least one topic filter (MQTT 3.10.3-2).", nameof(p));
        }

        WriteUInt16(p.PacketId);
        WritePropertiesIf(v5, p.Properties);
        foreach (var filter in p.TopicFilters)
        {
            MqttTopic.ThrowIfInvalidFilter(filter, nameof(p));
            WriteString(filter);
        }
    }

    // 5.0 acks, DISCONNECT and AUTH drop trailing fields that are at their defaults: the property length
    // when there are no properties, and the reason code too when it is Success (5.0 §3.4.2.1, §3.14.2.1).
    private void WriteReasonAndProperties(MqttReasonCode reasonCode, MqttProperties properties)
    {
        var reasonAt = _position;
        WriteByte((byte)reasonCode);
        var propertiesAt = _position;
        WriteProperties(properties);
        if (_position - propertiesAt == 1)
        {
            _position = propertiesAt;
            if (reasonCode == MqttReasonCode.Success)
            {
                _position = reasonAt;
            }
        }
    }

    // 3.1.1 CONNACK return codes (3.1.1 §3.2.2.3) from the shared reason-code vocabulary.
    internal static byte ToConnectReturnCode(MqttReasonCode reasonCode) => reasonCode switch
    {
        MqttReasonCode.Success => 0,
        MqttReasonCode.UnsupportedProtocolVersion => 1,
        MqttReasonCode.ClientIdentifierNotValid => 2,
        MqttReasonCode.ServerUnavailable => 3,
        MqttReasonCode.BadUserNameOrPassword => 4,
        MqttReasonCode.NotAuthorized => 5,
        _ => throw new ArgumentException($"Reason code {reasonCode} has no MQTT 3.1.1 CONNACK return code.", nameof(reasonCode)),
    };
}

namespace KapMonitor.Mqtt.Packets;

public sealed partial class MqttPacketWriter
{
    private void WritePropertiesIf(bool v5, MqttProperties properties)
    {
        if (v5)
        {
            WriteProperties(properties);
        }
    }

    // Property block (5.0 §2.2.2): Variable Byte Integer length, then (identifier, value) pairs. The pairs are
    // written after a 4-byte gap and moved left once their length, and so the size of its prefix, is known.
    private void WriteProperties(MqttProperties p)
    {
        var lengthAt = _position;
        Reserve(4);
        var contentAt = _position;

        WriteByteProperty(MqttPropertyId.PayloadFormatIndicator, p.PayloadFormatIndicator);
        WriteUInt32Property(MqttPropertyId.MessageExpiryInterval, p.MessageExpiryInterval);
        WriteStringProperty(MqttPropertyId.ContentType, p.ContentType);
        WriteStringProperty(MqttPropertyId.ResponseTopic, p.ResponseTopic);
        WriteBinaryProperty(MqttPropertyId.CorrelationData, p.CorrelationData);
        foreach (var id in p.SubscriptionIdentifiers)
        {
            if (id is 0 or > MqttVarInt.MaxValue)
            {
                throw new ArgumentException("Subscription Identifier must be 1..268435455 (MQTT 3.8.2.1.2).", nameof(p));
            }

            WriteByte((byte)MqttPropertyId.SubscriptionIdentifier);
            WriteVarInt((int)id);
        }

        WriteUInt32Property(MqttPropertyId.SessionExpiryInterval, p.SessionExpiryInterval);
        WriteStringProperty(MqttPropertyId.AssignedClientIdentifier, p.AssignedClientIdentifier);
        WriteUInt16Property(MqttPropertyId.ServerKeepAlive, p.ServerKeepAlive);
        WriteStringProperty(MqttPropertyId.AuthenticationMethod, p.AuthenticationMethod);
        WriteBinaryProperty(MqttPropertyId.AuthenticationData, p.AuthenticationData);
        WriteByteProperty(MqttPropertyId.RequestProblemInformation, p.RequestProblemInformation);
        WriteUInt32Property(MqttPropertyId.WillDelayInterval, p.WillDelayInterval);
        WriteByteProperty(MqttPropertyId.RequestResponseInformation, p.RequestResponseInformation);
        WriteStringProperty(MqttPropertyId.ResponseInformation, p.ResponseInformation);
        WriteStringProperty(MqttPropertyId.ServerReference, p.ServerReference);
        WriteStringProperty(MqttPropertyId.ReasonString, p.ReasonString);
        WriteUInt16Property(MqttPropertyId.ReceiveMaximum, p.ReceiveMaximum);
        WriteUInt16Property(MqttPropertyId.TopicAliasMaximum, p.TopicAliasMaximum);
        WriteUInt16Property(MqttPropertyId.TopicAlias, p.TopicAlias);
        WriteByteProperty(MqttPropertyId.MaximumQoS, p.MaximumQoS);
        WriteByteProperty(MqttPropertyId.RetainAvailable, p.RetainAvailable);
        foreach (var up in p.UserProperties)
        {
            WriteByte((byte)MqttPropertyId.UserProperty);
            WriteString(up.Name);
            WriteString(up.Value);
        }

        WriteUInt32Property(MqttPropertyId.MaximumPacketSize, p.MaximumPacketSize);
        WriteByteProperty(MqttPropertyId.WildcardSubscriptionAvailable, p.WildcardSubscriptionAvailable);
        WriteByteProperty(MqttPropertyId.SubscriptionIdentifierAvailable, p.SubscriptionIdentifierAvailable);
        WriteByteProperty(MqttPropertyId.SharedSubscriptionAvailable, p.SharedSubscriptionAvailable);

        var length = _position - contentAt;
        var prefix = MqttVarInt.GetSize(length);
        MqttVarInt.Write(_buffer.AsSpan(lengthAt), length);
        _buffer.AsSpan(contentAt, length).CopyTo(_buffer.AsSpan(lengthAt + prefix));
        _position = lengthAt + prefix + length;
    }

    private void WriteByteProperty(MqttPropertyId id, byte? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteByte(v);
        }
    }

    private void WriteUInt16Property(MqttPropertyId id, ushort? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteUInt16(v);
        }
    }

    private void WriteUInt32Property(MqttPropertyId id, uint? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteUInt32(v);
        }
    }

    private void WriteStringProperty(MqttPropertyId id, string? value)
    {
        if (value is not null)
        {
            WriteByte((byte)id);
            WriteString(value);
        }
    }

    private void WriteBinaryProperty(MqttPropertyId id, ReadOnlyMemory<byte>? value)
    {
        if (value is { } v)
        {
            WriteByte((byte)id);
            WriteBinary(v.Span);
        }
    }
}

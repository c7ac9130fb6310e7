namespace KapMonitor.Mqtt;

/// <summary>
/// The typed MQTT 5.0 property block of a packet (5.0 §2.2.2). A null member is absent on the wire. Which
/// properties a packet may carry is fixed by 5.0 §2.2.2.2; the decoder rejects the others as a Protocol Error.
/// </summary>
public sealed record MqttProperties
{
    /// <summary>An empty property block (encoded as <c>00</c>).</summary>
    public static MqttProperties Empty { get; } = new();

    /// <summary>0x01: 0 = unspecified bytes, 1 = UTF-8 payload.</summary>
    public byte? PayloadFormatIndicator { get; init; }

    /// <summary>0x02: lifetime of the application message in seconds.</summary>
    public uint? MessageExpiryInterval { get; init; }

    /// <summary>0x03: MIME type of the payload.</summary>
    public string? ContentType { get; init; }

    /// <summary>0x08: topic for a response (request/response pattern).</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>0x09: correlation data for a response.</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; init; }

    /// <summary>0x0B: subscription identifiers (one in SUBSCRIBE, any number in PUBLISH).</summary>
    public IReadOnlyList<uint> SubscriptionIdentifiers { get; init; } = [];

    /// <summary>0x11: session lifetime after disconnection, seconds; 0xFFFFFFFF = never expires.</summary>
    public uint? SessionExpiryInterval { get; init; }

    /// <summary>0x12: client identifier the server assigned to an empty-id CONNECT.</summary>
    public string? AssignedClientIdentifier { get; init; }

    /// <summary>0x13: keep-alive the server imposes, overriding the client's (5.0 §3.2.2.3.14).</summary>
    public ushort? ServerKeepAlive { get; init; }

    /// <summary>0x15: extended authentication method.</summary>
    public string? AuthenticationMethod { get; init; }

    /// <summary>0x16: extended authentication data.</summary>
    public ReadOnlyMemory<byte>? AuthenticationData { get; init; }

    /// <summary>0x17: whether the server may send Reason String/User Properties on failures.</summary>
    public byte? RequestProblemInformation { get; init; }

    /// <summary>0x18: delay before the server publishes the Will, seconds.</summary>
    public uint? WillDelayInterval { get; init; }

    /// <summary>0x19: asks the server for Response Information in CONNACK.</summary>
    public byte? RequestResponseInformation { get; init; }

    /// <summary>0x1A: basis for response topics.</summary>
    public string? ResponseInformation { get; init; }

    /// <summary>0x1C: another server the client may use.</summary>
    public string? ServerReference { get; init; }

    /// <summary>0x1F: human-readable diagnostic for the reason code.</summary>
    public string? ReasonString { get; init; }

    /// <summary>0x21: how many un-acknowledged QoS 1/2 PUBLISH the sender of this property accepts.</summary>
    public ushort? ReceiveMaximum { get; init; }

    /// <summary>0x22: highest topic alias the sender accepts.</summary>
    public ushort? TopicAliasMaximum { get; init; }

    /// <summary>0x23: topic alias of a PUBLISH.</summary>
    public ushort? TopicAlias { get; init; }

    /// <summary>0x24: highest QoS the server supports.</summary>
    public byte? MaximumQoS { get; init; }

    /// <summary>0x25: whether the server supports retained messages.</summary>
    public byte? RetainAvailable { get; init; }

    /// <summary>0x26: user properties, in wire order.</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>0x27: largest packet the sender of this property accepts, bytes.</summary>
    public uint? MaximumPacketSize { get; init; }

    /// <summary>0x28: whether wildcard subscriptions are supported.</summary>
    public byte? WildcardSubscriptionAvailable { get; init; }

    /// <summary>0x29: whether subscription identifiers are supported.</summary>
    public byte? SubscriptionIdentifierAvailable { get; init; }

    /// <summary>0x2A: whether shared subscriptions are supported.</summary>
    public byte? SharedSubscriptionAvailable { get; init; }
}

namespace KapMonitor.Mqtt;

/// <summary>MQTT 5.0 property identifiers (5.0 §2.2.2.2).</summary>
public enum MqttPropertyId : byte
{
    /// <summary>0x01 Payload Format Indicator (byte).</summary>
    PayloadFormatIndicator = 0x01,

    /// <summary>0x02 Message Expiry Interval (four-byte integer, seconds).</summary>
    MessageExpiryInterval = 0x02,

    /// <summary>0x03 Content Type (string).</summary>
    ContentType = 0x03,

    /// <summary>0x08 Response Topic (string).</summary>
    ResponseTopic = 0x08,

    /// <summary>0x09 Correlation Data (binary).</summary>
    CorrelationData = 0x09,

    /// <summary>0x0B Subscription Identifier (variable byte integer).</summary>
    SubscriptionIdentifier = 0x0B,

    /// <summary>0x11 Session Expiry Interval (four-byte integer, seconds).</summary>
    SessionExpiryInterval = 0x11,

    /// <summary>0x12 Assigned Client Identifier (string).</summary>
    AssignedClientIdentifier = 0x12,

    /// <summary>0x13 Server Keep Alive (two-byte integer, seconds).</summary>
    ServerKeepAlive = 0x13,

    /// <summary>0x15 Authentication Method (string).</summary>
    AuthenticationMethod = 0x15,

    /// <summary>0x16 Authentication Data (binary).</summary>
    AuthenticationData = 0x16,

    /// <summary>0x17 Request Problem Information (byte).</summary>
    RequestProblemInformation = 0x17,

    /// <summary>0x18 Will Delay Interval (four-byte integer, seconds).</summary>
    WillDelayInterval = 0x18,

    /// <summary>0x19 Request Response Information (byte).</summary>
    RequestResponseInformation = 0x19,

    /// <summary>0x1A Response Information (string).</summary>
    ResponseInformation = 0x1A,

    /// <summary>0x1C Server Reference (string).</summary>
    ServerReference = 0x1C,

    /// <summary>0x1F Reason String (string).</summary>
    ReasonString = 0x1F,

    /// <summary>0x21 Receive Maximum (two-byte integer).</summary>
    ReceiveMaximum = 0x21,

    /// <summary>0x22 Topic Alias Maximum (two-byte integer).</summary>
    TopicAliasMaximum = 0x22,

    /// <summary>0x23 Topic Alias (two-byte integer).</summary>
    TopicAlias = 0x23,

    /// <summary>0x24 Maximum QoS (byte).</summary>
    MaximumQoS = 0x24,

    /// <summary>0x25 Retain Available (byte).</summary>
    RetainAvailable = 0x25,

    /// <summary>0x26 User Property (string pair, repeatable).</summary>
    UserProperty = 0x26,

    /// <summary>0x27 Maximum Packet Size (four-byte integer).</summary>
    MaximumPacketSize = 0x27,

    /// <summary>0x28 Wildcard Subscription Available (byte).</summary>
    WildcardSubscriptionAvailable = 0x28,

    /// <summary>0x29 Subscription Identifier Available (byte).</summary>
    SubscriptionIdentifierAvailable = 0x29,

    /// <summary>0x2A Shared Subscription Available (byte).</summary>
    SharedSubscriptionAvailable = 0x2A,
}

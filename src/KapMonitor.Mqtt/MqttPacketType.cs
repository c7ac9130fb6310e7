namespace KapMonitor.Mqtt;

/// <summary>Control packet type, the high nibble of the first fixed-header byte (5.0 §2.1.2).</summary>
public enum MqttPacketType : byte
{
    /// <summary>Client request to connect.</summary>
    Connect = 1,

    /// <summary>Connect acknowledgement.</summary>
    ConnAck = 2,

    /// <summary>Application message.</summary>
    Publish = 3,

    /// <summary>QoS 1 publish acknowledgement.</summary>
    PubAck = 4,

    /// <summary>QoS 2 publish received (step 1).</summary>
    PubRec = 5,

    /// <summary>QoS 2 publish release (step 2); fixed-header flags 0b0010.</summary>
    PubRel = 6,

    /// <summary>QoS 2 publish complete (step 3).</summary>
    PubComp = 7,

    /// <summary>Subscribe request; fixed-header flags 0b0010.</summary>
    Subscribe = 8,

    /// <summary>Subscribe acknowledgement.</summary>
    SubAck = 9,

    /// <summary>Unsubscribe request; fixed-header flags 0b0010.</summary>
    Unsubscribe = 10,

    /// <summary>Unsubscribe acknowledgement.</summary>
    UnsubAck = 11,

    /// <summary>Ping request (keep-alive).</summary>
    PingReq = 12,

    /// <summary>Ping response.</summary>
    PingResp = 13,

    /// <summary>Disconnect notification.</summary>
    Disconnect = 14,

    /// <summary>Authentication exchange (5.0 only).</summary>
    Auth = 15,
}

namespace KapMonitor.Mqtt.Client;

/// <summary>
/// Outcome of a publication: for QoS 1 the PUBACK, for QoS 2 the PUBREC failure or PUBCOMP, for QoS 0 that it
/// was written. A 5.0 reason code ≥ 0x80 means the broker refused the message; it is not retransmitted.
/// </summary>
/// <param name="ReasonCode">Broker's reason code (Success for 3.1.1 and QoS 0).</param>
/// <param name="ReasonString">5.0 Reason String, or a local explanation (e.g. packet too large).</param>
/// <param name="PacketId">Packet identifier used (0 for QoS 0).</param>
public sealed record MqttPublishResult(MqttReasonCode ReasonCode, string? ReasonString, ushort PacketId)
{
    /// <summary>True when the reason code is below 0x80.</summary>
    public bool IsSuccess => (byte)ReasonCode < 0x80;
}

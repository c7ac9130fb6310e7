using KapMonitor.Mqtt.Packets;

namespace KapMonitor.Mqtt.Client;

/// <summary>
/// Session state of one outgoing QoS 1/2 publication (5.0 §4.1: "QoS 1 and QoS 2 messages which have been
/// sent to the Server, but have not been completely acknowledged"), kept across reconnects.
/// </summary>
internal sealed class OutgoingFlow(MqttPublishPacket packet, long sequence)
{
    public enum Step
    {
        AwaitingPubAck,
        AwaitingPubRec,
        AwaitingPubComp,
    }

    public MqttPublishPacket Packet { get; } = packet;

    public ushort PacketId => Packet.PacketId;

    /// <summary>Order of PublishAsync calls; re-sends keep it ([MQTT-4.6.0-1] 3.1.1).</summary>
    public long Sequence { get; } = sequence;

    public Step State { get; set; } = packet.QualityOfService == MqttQualityOfService.AtLeastOnce ? Step.AwaitingPubAck : Step.AwaitingPubRec;

    /// <summary>Handed to some connection's writer at least once: a later re-send carries DUP = 1.</summary>
    public bool Transmitted { get; set; }

    /// <summary>Handed to the current connection's writer (cleared on every new connection).</summary>
    public bool Queued { get; set; }

    public TaskCompletionSource<MqttPublishResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

using KapMonitor.Mqtt.Packets;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Mqtt.Client;

public sealed partial class MqttClient
{
    private readonly Dictionary<ushort, OutgoingFlow> _flows = [];
    private readonly Dictionary<ushort, TaskCompletionSource<MqttPacket>> _requests = [];
    private readonly HashSet<ushort> _incomingQos2 = [];
    private readonly Dictionary<string, MqttSubscription> _subscriptions = [];
    private TaskCompletionSource _slotFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sendQuota;
    private ushort _lastPacketId;
    private long _flowSequence;

    /// <summary>
    /// Publishes <paramref name="message"/> and completes when its flow does: QoS 0 once written, QoS 1 on
    /// PUBACK, QoS 2 on PUBCOMP (or a PUBREC refusal). A result with reason ≥ 0x80 means the broker refused it.
    /// QoS 1/2 messages are kept in the session until acknowledged: published while disconnected they go out on
    /// the next connection, and unacknowledged ones are re-sent (DUP = 1, same packet id) only when the broker
    /// resumes the session. When the in-flight window (Receive Maximum) is full this waits for a slot.
    /// QoS 0 needs a connection and throws <see cref="MqttCommunicationException"/> without one.
    /// </summary>
    public async Task<MqttPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        var packet = ToPacket(message);
        if (message.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            MqttConnection connection;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                connection = _connection ?? throw new MqttCommunicationException($"Not connected to {_options.Endpoint}; QoS 0 messages are not queued.");
            }

            var written = new TaskCompletionSource<MqttPublishResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.Send(packet, written);
            return await written.Task.WaitAsync(cancellationToken);
        }

        var flow = await AdmitAsync(packet, cancellationToken);
        return await flow.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Takes a QoS 1 or 2 message into the session and completes as soon as it has a place in the in-flight window
    /// (at once unless the window is full), with the task that completes when its flow does, as
    /// <see cref="PublishAsync"/>'s would. Messages queued one after another (each call awaited before the next) are
    /// sent in that order, also when re-sent after a reconnect, so a sender can keep several unacknowledged messages
    /// in flight instead of waiting a round trip for each, and still keep their order.
    /// </summary>
    /// <exception cref="ArgumentException">The topic is not a valid topic name, or the QoS is 0.</exception>
    public async Task<Task<MqttPublishResult>> EnqueuePublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            throw new ArgumentException("EnqueuePublishAsync takes QoS 1 and 2 only; use PublishAsync or TryPublishAtMostOnce for QoS 0.", nameof(message));
        }

        return (await AdmitAsync(ToPacket(message), cancellationToken)).Completion.Task;
    }

    // A QoS 1/2 publication gets a packet id and a flow once the in-flight window has room; flows are sent in the
    // order they were admitted (their sequence).
    private async Task<OutgoingFlow> AdmitAsync(MqttPublishPacket packet, CancellationToken cancellationToken)
    {
        OutgoingFlow flow;
        while (true)
        {
            Task slotFreed;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_flows.Count < _sendQuota && TryAllocatePacketIdLocked(out var packetId))
                {
                    flow = new OutgoingFlow(packet with { PacketId = packetId }, ++_flowSequence);
                    _flows.Add(packetId, flow);
                    PumpFlowsLocked();
                    break;
                }

                slotFreed = _slotFreed.Task;
            }

            await slotFreed.WaitAsync(cancellationToken);
        }

        return flow;
    }

    /// <summary>
    /// Queues a QoS 0 message for the connection's writer and returns at once, without a task to wait on: for
    /// high-rate telemetry whose sender neither waits for nor learns about each message. Messages queued together
    /// go out in one write. Returns false, dropping the message, when there is no connection (QoS 0 messages are
    /// never kept for a later one) or the client is disposed; a message queued on a connection that then fails is
    /// dropped too. Use <see cref="PublishAsync"/> to learn when a message was written.
    /// </summary>
    /// <exception cref="ArgumentException">The topic is not a valid topic name, or the QoS is not 0.</exception>
    public bool TryPublishAtMostOnce(MqttApplicationMessage message)
    {
        var packet = ToPacket(message);
        if (message.QualityOfService != MqttQualityOfService.AtMostOnce)
        {
            throw new ArgumentException("TryPublishAtMostOnce sends QoS 0 only; use PublishAsync for QoS 1 and 2.", nameof(message));
        }

        MqttConnection? connection;
        lock (_gate)
        {
            connection = _disposed ? null : _connection;
        }

        return connection?.Send(packet) == true;
    }

    private MqttPublishPacket ToPacket(MqttApplicationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        MqttTopic.ThrowIfInvalidName(message.Topic, nameof(message));
        if ((int)message.QualityOfService > 2)
        {
            throw new ArgumentException("QoS must be 0, 1 or 2.", nameof(message));
        }

        return new MqttPublishPacket
        {
            Topic = message.Topic,
            Payload = message.Payload,
            QualityOfService = message.QualityOfService,
            Retain = message.Retain,
            Properties = _options.ProtocolVersion == MqttProtocolVersion.V500 ? message.ToProperties() : MqttProperties.Empty,
        };
    }

    // A new packet takes an identifier not used by any unacknowledged PUBLISH, PUBREL, SUBSCRIBE or
    // UNSUBSCRIBE ([MQTT-2.3.1-2] 3.1.1); identifiers are non-zero ([MQTT-2.3.1-1]).
    private bool TryAllocatePacketIdLocked(out ushort packetId)
    {
        for (var i = 0; i < ushort.MaxValue; i++)
        {
            _lastPacketId = _lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketId + 1);
            if (!_flows.ContainsKey(_lastPacketId) && !_requests.ContainsKey(_lastPacketId))
            {
                packetId = _lastPacketId;
                return true;
            }
        }

        packetId = 0;
        return false;
    }

    // Hands flows to the current connection in publication order, never more than the send quota at once.
    // A flow past PUBREC goes out as PUBREL, not PUBLISH (5.0 §4.4). A flow that was ever transmitted is
    // re-sent with DUP = 1 ([MQTT-3.3.1-1]); that only happens on a new connection that resumed the session.
    private void PumpFlowsLocked()
    {
        if (_connection is not { } connection)
        {
            return;
        }

        var queued = 0;
        List<OutgoingFlow>? waiting = null;
        foreach (var flow in _flows.Values)
        {
            if (flow.Queued)
            {
                queued++;
            }
            else
            {
                (waiting ??= []).Add(flow);
            }
        }

        if (waiting is null)
        {
            return;
        }

        waiting.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        foreach (var flow in waiting)
        {
            if (queued >= _sendQuota)
            {
                break;
            }

            flow.Queued = true;
            queued++;
            if (flow.State == OutgoingFlow.Step.AwaitingPubComp)
            {
                connection.Send(new MqttPubRelPacket { PacketId = flow.PacketId });
            }
            else
            {
                connection.Send(flow.Transmitted ? flow.Packet with { Duplicate = true } : flow.Packet);
                flow.Transmitted = true;
            }
        }
    }

    private void SignalSlotFreedLocked()
    {
        var freed = _slotFreed;
        _slotFreed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        freed.TrySetResult();
    }

    private void CompleteFlowLocked(OutgoingFlow flow, List<Action> after, MqttPublishResult result)
    {
        _flows.Remove(flow.PacketId);
        PumpFlowsLocked();
        SignalSlotFreedLocked();
        after.Add(() => flow.Completion.TrySetResult(result));
    }

    private void OnPublishResponse(MqttConnection connection, MqttPublishResponsePacket response)
    {
        var after = new List<Action>(1);
        var result = new MqttPublishResult(response.ReasonCode, response.Properties.ReasonString, response.PacketId);
        lock (_gate)
        {
            _flows.TryGetValue(response.PacketId, out var flow);
            switch (response)
            {
                case MqttPubAckPacket when flow?.State == OutgoingFlow.Step.AwaitingPubAck:
                case MqttPubCompPacket when flow?.State == OutgoingFlow.Step.AwaitingPubComp:
                    CompleteFlowLocked(flow, after, result);
                    break;
                case MqttPubRecPacket when flow?.State == OutgoingFlow.Step.AwaitingPubRec && !result.IsSuccess:
                    // 5.0 [MQTT-4.4.0-2]: a refusal in PUBREC acknowledges the message; free the id, no PUBREL.
                    CompleteFlowLocked(flow, after, result);
                    break;
                case MqttPubRecPacket when flow?.State is OutgoingFlow.Step.AwaitingPubRec or OutgoingFlow.Step.AwaitingPubComp:
                    flow.State = OutgoingFlow.Step.AwaitingPubComp;
                    connection.Send(new MqttPubRelPacket { PacketId = response.PacketId });
                    break;
                case MqttPubRecPacket:
                    // 5.0 §4.3.3: answer an unknown PUBREC so the broker can release its state.
                    connection.Send(new MqttPubRelPacket
                    {
                        PacketId = response.PacketId,
                        ReasonCode = connection.Version == MqttProtocolVersion.V500 ? MqttReasonCode.PacketIdentifierNotFound : MqttReasonCode.Success,
                    });
                    break;
                default:
                    _logger.LogWarning("Ignoring {PacketType} for packet id {PacketId} from {Endpoint}: no publication is waiting for it.", response.Type, response.PacketId, connection.Endpoint);
                    break;
            }
        }

        foreach (var action in after)
        {
            action();
        }
    }

    /// <summary>Called by the writer when a packet exceeds the server's Maximum Packet Size (5.0 [MQTT-3.1.2-24]).</summary>
    internal void OnPacketTooLarge(OutgoingItem item, int size, long maximum)
    {
        var text = $"The {item.Packet.Type} packet of {size} bytes exceeds the broker's Maximum Packet Size of {maximum} bytes; it was not sent.";
        _logger.LogWarning("{Message}", text);
        var result = new MqttPublishResult(MqttReasonCode.PacketTooLarge, text, 0);
        item.Written?.TrySetResult(result);
        var after = new List<Action>(1);
        lock (_gate)
        {
            if (item.Packet is MqttPublishPacket { PacketId: not 0 } publish && _flows.TryGetValue(publish.PacketId, out var flow))
            {
                CompleteFlowLocked(flow, after, result with { PacketId = publish.PacketId });
            }
            else if (item.Packet is MqttSubscribePacket or MqttUnsubscribePacket)
            {
                var id = item.Packet is MqttSubscribePacket s ? s.PacketId : ((MqttUnsubscribePacket)item.Packet).PacketId;
                if (_requests.Remove(id, out var request))
                {
                    after.Add(() => request.TrySetException(new MqttException(text)));
                }
            }
        }

        foreach (var action in after)
        {
            action();
        }
    }

    /// <summary>Called for packets still queued when a connection closes.</summary>
    internal void OnNotWritten(OutgoingItem item, Exception? reason) =>
        item.Written?.TrySetException(new MqttCommunicationException($"The connection to {_options.Endpoint} closed before the {item.Packet.Type} was sent.", reason));

    private void FailSessionState(Exception error)
    {
        List<OutgoingFlow> flows;
        List<TaskCompletionSource<MqttPacket>> requests;
        lock (_gate)
        {
            flows = [.. _flows.Values];
            requests = [.. _requests.Values];
            _flows.Clear();
            _requests.Clear();
            SignalSlotFreedLocked();
        }

        foreach (var flow in flows)
        {
            FailObserved(flow.Completion, error);
        }

        foreach (var request in requests)
        {
            FailObserved(request, error);
        }
    }

    // A caller that stopped waiting (its cancellation token fired) no longer observes the completion; mark
    // the failure observed so it does not resurface as an unobserved task exception on the finalizer.
    private static void FailObserved<T>(TaskCompletionSource<T> completion, Exception error)
    {
        if (completion.TrySetException(error))
        {
            _ = completion.Task.Exception;
        }
    }
}

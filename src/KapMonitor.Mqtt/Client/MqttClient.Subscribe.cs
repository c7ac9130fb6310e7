using KapMonitor.Mqtt.Packets;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Mqtt.Client;

public sealed partial class MqttClient
{
    /// <summary>Subscribes to one topic filter at <paramref name="qualityOfService"/>.</summary>
    public Task<MqttSubscribeResult> SubscribeAsync(string topicFilter, MqttQualityOfService qualityOfService, CancellationToken cancellationToken = default) =>
        SubscribeAsync([new MqttSubscription { TopicFilter = topicFilter, QualityOfService = qualityOfService }], cancellationToken);

    /// <summary>
    /// Sends SUBSCRIBE and returns the SUBACK: per filter the granted QoS or a failure code. Filters are validated
    /// first (<see cref="ArgumentException"/> naming the rule). Needs a connection. Granted filters are remembered
    /// and subscribed again automatically after a reconnect on which the broker did not keep the session.
    /// </summary>
    public async Task<MqttSubscribeResult> SubscribeAsync(IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        if (subscriptions.Count == 0)
        {
            throw new ArgumentException("At least one subscription is needed.", nameof(subscriptions));
        }

        foreach (var s in subscriptions)
        {
            MqttTopic.ThrowIfInvalidFilter(s.TopicFilter, nameof(subscriptions));
        }

        var answer = await RequestAsync(id => new MqttSubscribePacket { PacketId = id, Subscriptions = subscriptions }, cancellationToken);
        var subAck = (MqttSubAckPacket)answer;
        if (subAck.ReasonCodes.Count != subscriptions.Count)
        {
            _logger.LogWarning("SUBACK carries {Count} result(s) for {Requested} filter(s).", subAck.ReasonCodes.Count, subscriptions.Count);
        }

        lock (_gate)
        {
            for (var i = 0; i < subscriptions.Count && i < subAck.ReasonCodes.Count; i++)
            {
                if ((byte)subAck.ReasonCodes[i] < 0x80)
                {
                    _subscriptions[subscriptions[i].TopicFilter] = subscriptions[i];
                }
            }
        }

        return new MqttSubscribeResult(subAck.ReasonCodes, subAck.Properties.ReasonString);
    }

    /// <summary>Sends UNSUBSCRIBE and returns the UNSUBACK result per filter. Needs a connection.</summary>
    public async Task<MqttUnsubscribeResult> UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicFilters);
        if (topicFilters.Count == 0)
        {
            throw new ArgumentException("At least one topic filter is needed.", nameof(topicFilters));
        }

        foreach (var filter in topicFilters)
        {
            MqttTopic.ThrowIfInvalidFilter(filter, nameof(topicFilters));
        }

        var unsubAck = (MqttUnsubAckPacket)await RequestAsync(id => new MqttUnsubscribePacket { PacketId = id, TopicFilters = topicFilters }, cancellationToken);
        lock (_gate)
        {
            foreach (var filter in topicFilters)
            {
                _subscriptions.Remove(filter);
            }
        }

        var codes = unsubAck.ReasonCodes.Count > 0 ? unsubAck.ReasonCodes : [.. topicFilters.Select(_ => MqttReasonCode.Success)];
        return new MqttUnsubscribeResult(codes, unsubAck.Properties.ReasonString);
    }

    // A broker without our session (Session Present = 0) has no subscriptions for us either: subscribe again
    // to everything that was granted, so a broker restart or Clean Start does not silently stop deliveries.
    private void RestoreSubscriptionsLocked(MqttConnection connection)
    {
        if (_subscriptions.Count == 0 || !TryAllocatePacketIdLocked(out var packetId))
        {
            return;
        }

        var packet = new MqttSubscribePacket { PacketId = packetId, Subscriptions = [.. _subscriptions.Values] };
        var answer = new TaskCompletionSource<MqttPacket>(packet.Type, TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add(packetId, answer);
        connection.Send(packet);
        _logger.LogInformation("Re-subscribing to {Count} topic filter(s) on {Endpoint}: the broker did not keep the session.", packet.Subscriptions.Count, connection.Endpoint);
        _ = answer.Task.ContinueWith(
            task =>
            {
                lock (_gate)
                {
                    if (_requests.TryGetValue(packetId, out var current) && current == answer)
                    {
                        _requests.Remove(packetId);
                    }
                }

                if (task.IsFaulted)
                {
                    _logger.LogWarning("Re-subscribing on {Endpoint} got no answer: {Reason}", connection.Endpoint, task.Exception?.InnerException?.Message);
                }
                else if (task.Result is MqttSubAckPacket subAck && subAck.ReasonCodes.Any(c => (byte)c >= 0x80))
                {
                    _logger.LogWarning("The broker {Endpoint} refused some re-subscriptions: {Codes}", connection.Endpoint, string.Join(", ", subAck.ReasonCodes));
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task<MqttPacket> RequestAsync(Func<ushort, MqttPacket> build, CancellationToken cancellationToken)
    {
        ushort packetId;
        TaskCompletionSource<MqttPacket> answer;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = _connection ?? throw new MqttCommunicationException($"Not connected to {_options.Endpoint}.");
            if (!TryAllocatePacketIdLocked(out packetId))
            {
                throw new InvalidOperationException("All 65535 packet identifiers are in use.");
            }

            var request = build(packetId);

            // The request type rides along as the task's state so a mismatched answer is caught.
            answer = new TaskCompletionSource<MqttPacket>(request.Type, TaskCreationOptions.RunContinuationsAsynchronously);
            _requests.Add(packetId, answer);
            connection.Send(request);
        }

        try
        {
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _requests.Remove(packetId);
            }
        }
    }

    private void OnRequestAnswered(MqttConnection connection, MqttPacket answer)
    {
        var packetId = answer is MqttSubAckPacket s ? s.PacketId : ((MqttUnsubAckPacket)answer).PacketId;
        var expected = answer is MqttSubAckPacket ? MqttPacketType.Subscribe : MqttPacketType.Unsubscribe;
        TaskCompletionSource<MqttPacket>? request;
        lock (_gate)
        {
            if (_requests.TryGetValue(packetId, out request) && request.Task.AsyncState is MqttPacketType waiting && waiting != expected)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"The broker answered the {waiting} with packet id {packetId} with {answer.Type}.");
            }

            _requests.Remove(packetId);
        }

        if (request is null)
        {
            _logger.LogWarning("Ignoring {PacketType} for packet id {PacketId} from {Endpoint}: no {Expected} is waiting for it.", answer.Type, packetId, connection.Endpoint, expected);
            return;
        }

        request.TrySetResult(answer);
    }
}

using KapMonitor.Mqtt.Packets;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Mqtt.Client;

public sealed partial class MqttClient
{
    /// <summary>Dispatches one packet from the broker; called by the connection's single receive loop.</summary>
    internal async Task HandlePacketAsync(MqttConnection connection, MqttPacket packet)
    {
        if (!connection.ConnAck.Task.IsCompleted)
        {
            // The first packet from the server must be CONNACK ([MQTT-3.2.0-1] 3.1.1; AUTH is not used here).
            connection.ConnAck.TrySetResult(packet as MqttConnAckPacket
                ?? throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"The broker sent {packet.Type} before CONNACK."));
            return;
        }

        switch (packet)
        {
            case MqttPublishPacket publish:
                // A resumed session's queued messages follow CONNACK at once, often in the same read, while the
                // connect path may not yet have raised Connected: hold them until it has, so the application hears
                // of a connection before any of its messages. A refused or abandoned connect closes the connection,
                // which cancels this wait and drops them undelivered.
                await connection.WaitUntilConnectedRaisedAsync();
                await OnIncomingPublishAsync(connection, publish);
                break;
            case MqttPublishResponsePacket and not MqttPubRelPacket:
                OnPublishResponse(connection, (MqttPublishResponsePacket)packet);
                break;
            case MqttPubRelPacket pubRel:
                bool known;
                lock (_gate)
                {
                    known = _incomingQos2.Remove(pubRel.PacketId);
                }

                connection.Send(new MqttPubCompPacket
                {
                    PacketId = pubRel.PacketId,
                    ReasonCode = known || connection.Version != MqttProtocolVersion.V500 ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound,
                });
                break;
            case MqttSubAckPacket or MqttUnsubAckPacket:
                OnRequestAnswered(connection, packet);
                break;
            case MqttPingRespPacket:
                connection.OnPingResponse();
                break;
            case MqttDisconnectPacket disconnect:
                var reasonString = disconnect.Properties.ReasonString;
                throw new MqttCommunicationException(
                    $"The broker {connection.Endpoint} sent DISCONNECT: {disconnect.ReasonCode} (0x{(byte)disconnect.ReasonCode:X2}){(reasonString is null ? "" : $", \"{reasonString}\"")}.");
            default:
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"The broker sent {packet.Type}, which a server never sends to a client.");
        }
    }

    private async Task OnIncomingPublishAsync(MqttConnection connection, MqttPublishPacket publish)
    {
        if (publish.Properties.TopicAlias is not null)
        {
            // We never announce a Topic Alias Maximum, so the server must not use aliases (5.0 [MQTT-3.2.2-17]).
            throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, "The broker sent a Topic Alias although the client allows none.");
        }

        var duplicateQos2 = false;
        if (publish.QualityOfService == MqttQualityOfService.ExactlyOnce)
        {
            lock (_gate)
            {
                duplicateQos2 = _incomingQos2.Contains(publish.PacketId);
            }
        }

        if (!duplicateQos2)
        {
            await DeliverAsync(connection, publish);
        }

        switch (publish.QualityOfService)
        {
            case MqttQualityOfService.AtLeastOnce:
                connection.Send(new MqttPubAckPacket { PacketId = publish.PacketId });
                break;
            case MqttQualityOfService.ExactlyOnce:
                // Method B of 5.0 §4.3.3: remember the id until PUBREL so a re-sent PUBLISH is not delivered twice.
                lock (_gate)
                {
                    _incomingQos2.Add(publish.PacketId);
                }

                connection.Send(new MqttPubRecPacket { PacketId = publish.PacketId });
                break;
        }
    }

    private async Task DeliverAsync(MqttConnection connection, MqttPublishPacket publish)
    {
        var handler = MessageHandler;
        if (handler is null)
        {
            return;
        }

        var p = publish.Properties;
        var message = new MqttApplicationMessage
        {
            Topic = publish.Topic,
            Payload = publish.Payload,
            QualityOfService = publish.QualityOfService,
            Retain = publish.Retain,
            MessageExpiryInterval = p.MessageExpiryInterval,
            ContentType = p.ContentType,
            PayloadFormatIndicator = p.PayloadFormatIndicator,
            ResponseTopic = p.ResponseTopic,
            CorrelationData = p.CorrelationData,
            UserProperties = p.UserProperties,
            SubscriptionIdentifiers = p.SubscriptionIdentifiers,
        };

        try
        {
            await handler(message, connection.Token);
        }
        catch (OperationCanceledException) when (connection.Token.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The message is acknowledged anyway: withholding the ack would only stall the broker's window.
            _logger.LogError(ex, "The MQTT message handler failed for a message on '{Topic}'; the message is acknowledged and dropped.", publish.Topic);
        }
    }
}

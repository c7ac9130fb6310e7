using System.Text;
using KapMonitor.Mqtt.Packets;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Mqtt.Client;

public sealed partial class MqttClient
{
    /// <summary>Exponential backoff with jitter: min·2^attempt capped at max, minus up to <c>jitter</c> of it at random.</summary>
    internal static TimeSpan ComputeReconnectDelay(int attempt, TimeSpan min, TimeSpan max, double jitter, double random01)
    {
        var exponential = min.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, Math.Max(min.TotalMilliseconds, max.TotalMilliseconds));
        return TimeSpan.FromMilliseconds(capped * (1 - (Math.Clamp(jitter, 0, 1) * Math.Clamp(random01, 0, 1))));
    }

    private async Task SuperviseAsync(MqttConnection? connection, CancellationToken stop)
    {
        var attempt = 0;
        while (true)
        {
            if (connection is null)
            {
                try
                {
                    connection = await ConnectOnceAsync(stop);
                    attempt = 0;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // Expected failures (refused, unreachable, TLS) are warnings; anything else is a bug worth an
                    // error, but the loop carries on either way: a broker problem must never stop the service.
                    if (ex is MqttException)
                    {
                        _logger.LogWarning("Connecting to MQTT broker {Endpoint} failed: {Reason}", _options.Endpoint, ex.Message);
                    }
                    else
                    {
                        _logger.LogError(ex, "Connecting to MQTT broker {Endpoint} failed unexpectedly.", _options.Endpoint);
                    }

                    SetState(MqttConnectionState.Disconnected, ex);
                    if (!_options.AutoReconnect || !await BackOffAsync(attempt++, stop))
                    {
                        return;
                    }

                    continue;
                }
            }

            var reason = await connection.Closed;
            await connection.DisposeAsync();
            OnConnectionClosed(connection, reason);
            connection = null;
            if (reason is not null)
            {
                _logger.LogWarning("MQTT connection to {Endpoint} lost: {Reason}", _options.Endpoint, reason.Message);
            }

            SetState(MqttConnectionState.Disconnected, reason);
            if (stop.IsCancellationRequested || !_options.AutoReconnect || !await BackOffAsync(attempt++, stop))
            {
                return;
            }
        }
    }

    private async Task<bool> BackOffAsync(int attempt, CancellationToken stop)
    {
        var delay = ComputeReconnectDelay(attempt, _options.ReconnectMinDelay, _options.ReconnectMaxDelay, _options.ReconnectJitter, Random.Shared.NextDouble());
        _logger.LogInformation("Reconnecting to {Endpoint} in {Delay:0.0} s (attempt {Attempt}).", _options.Endpoint, delay.TotalSeconds, attempt + 1);
        try
        {
            await Task.Delay(delay, _time, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<MqttConnection> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        SetState(MqttConnectionState.Connecting, null);
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var channel = _options.CreateChannel();
        var connection = new MqttConnection(this, channel, _options.ProtocolVersion, _options.Endpoint, _options.MaximumPacketSize, _time, _logger);
        try
        {
            await channel.ConnectAsync(linked.Token);
            connection.Start();
            connection.Send(BuildConnectPacket());
            var connAck = await connection.ConnAck.Task.WaitAsync(linked.Token);
            if (connAck.ReasonCode != MqttReasonCode.Success)
            {
                throw Refused(connAck);
            }

            Activate(connection, connAck);
            return connection;
        }
        catch (Exception ex)
        {
            connection.Close(ex);
            await connection.DisposeAsync();
            if (ex is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new MqttCommunicationException($"Connecting to {_options.Endpoint} timed out after {_options.ConnectTimeout.TotalSeconds:0.#} s.", ex);
            }

            throw;
        }
    }

    private MqttConnectPacket BuildConnectPacket()
    {
        var v5 = _options.ProtocolVersion == MqttProtocolVersion.V500;
        ReadOnlyMemory<byte>? password = null;
        if (_options.Password is not null)
        {
            password = Encoding.UTF8.GetBytes(_options.Password);
        }

        return new MqttConnectPacket
        {
            ProtocolVersion = _options.ProtocolVersion,
            ClientId = _options.ClientId,
            CleanStart = _options.CleanStart,
            KeepAliveSeconds = (ushort)_options.KeepAlive.TotalSeconds,
            UserName = _options.UserName,
            Password = password,
            Will = _options.Will,
            Properties = v5
                ? new MqttProperties
                {
                    SessionExpiryInterval = _options.SessionExpiryInterval == 0 ? null : _options.SessionExpiryInterval,
                    MaximumPacketSize = (uint)_options.MaximumPacketSize,
                    UserProperties = _options.ConnectUserProperties,
                }
                : MqttProperties.Empty,
        };
    }

    private MqttConnectException Refused(MqttConnAckPacket connAck)
    {
        var code = _options.ProtocolVersion == MqttProtocolVersion.V500
            ? $"0x{(byte)connAck.ReasonCode:X2}"
            : $"3.1.1 return code {MqttPacketWriter.ToConnectReturnCode(connAck.ReasonCode)}";
        var reasonString = connAck.Properties.ReasonString;
        var hint = connAck.ReasonCode switch
        {
            MqttReasonCode.BadUserNameOrPassword => " Check the configured user name and password.",
            MqttReasonCode.NotAuthorized => " Check the credentials and the broker's access rules for this client.",
            MqttReasonCode.ClientIdentifierNotValid => " Use a non-empty client id, or Clean Start with 3.1.1.",
            MqttReasonCode.UnsupportedProtocolVersion => " Try the other protocol version.",
            _ => "",
        };
        return new MqttConnectException(
            connAck.ReasonCode,
            reasonString,
            $"The MQTT broker {_options.Endpoint} refused the connection: {connAck.ReasonCode} ({code}){(reasonString is null ? "" : $", \"{reasonString}\"")}.{hint}");
    }

    private void Activate(MqttConnection connection, MqttConnAckPacket connAck)
    {
        var properties = connAck.Properties;
        var sessionPresent = connAck.SessionPresent;
        connection.ServerMaximumPacketSize = properties.MaximumPacketSize ?? long.MaxValue;
        List<OutgoingFlow> lost = [];
        int resumed;
        lock (_gate)
        {
            if (properties.AssignedClientIdentifier is { } assigned)
            {
                _clientId = assigned;
            }

            // 5.0 §4.9: never more un-acknowledged QoS 1/2 PUBLISH than the server's Receive Maximum.
            _sendQuota = Math.Min(_options.MaximumInflight, properties.ReceiveMaximum ?? ushort.MaxValue);
            if (!sessionPresent)
            {
                // The broker has no session: what it was sent before is gone with it (5.0 §3.2.2.1.1),
                // and re-sending would break "never at other times" (5.0 §4.4). Never-sent messages still go out.
                foreach (var flow in _flows.Values.Where(f => f.Transmitted).ToList())
                {
                    _flows.Remove(flow.PacketId);
                    lost.Add(flow);
                }

                _incomingQos2.Clear();
            }

            foreach (var flow in _flows.Values)
            {
                flow.Queued = false;
            }

            _connection = connection;
            resumed = _flows.Count;
            PumpFlowsLocked();
            SignalSlotFreedLocked();
            if (!sessionPresent)
            {
                RestoreSubscriptionsLocked(connection);
            }
        }

        foreach (var flow in lost)
        {
            FailObserved(flow.Completion, new MqttCommunicationException(
                $"The QoS {(int)flow.Packet.QualityOfService} message to '{flow.Packet.Topic}' (packet id {flow.PacketId}) was sent but not acknowledged before the connection was lost, " +
                "and the broker did not resume the session (Session Present = 0); it may or may not have been delivered and was not re-sent."));
        }

        var keepAlive = properties.ServerKeepAlive is { } serverKeepAlive ? TimeSpan.FromSeconds(serverKeepAlive) : _options.KeepAlive;
        connection.StartKeepAlive(keepAlive, _options.PingResponseTimeout ?? keepAlive);
        _logger.LogInformation(
            "Connected to MQTT broker {Endpoint} as '{ClientId}' (MQTT {Version}, session present: {SessionPresent}, {Resent} message(s) resumed).",
            _options.Endpoint, ClientId, _options.ProtocolVersion == MqttProtocolVersion.V500 ? "5.0" : "3.1.1", sessionPresent, resumed);
        SetState(MqttConnectionState.Connected, null, sessionPresent);
        connection.OnConnectedRaised();
    }

    private void OnConnectionClosed(MqttConnection connection, Exception? reason)
    {
        List<TaskCompletionSource<MqttPacket>> requests;
        lock (_gate)
        {
            if (_connection == connection)
            {
                _connection = null;
            }

            requests = [.. _requests.Values];
            _requests.Clear();
        }

        foreach (var request in requests)
        {
            request.TrySetException(new MqttCommunicationException($"The connection to {_options.Endpoint} was lost before the broker answered.", reason));
        }
    }
}

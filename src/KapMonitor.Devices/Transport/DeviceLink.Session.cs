using System.Runtime.ExceptionServices;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Devices.Transport;

/// <summary>One connection: open, read/decode loop, write loop, teardown.</summary>
public sealed partial class DeviceLink
{
    /// <summary>Opens a channel and runs it until it fails; returns whether any byte arrived (resets the back-off).</summary>
    private async Task<bool> ConnectAndRunAsync(CancellationToken cancellationToken)
    {
        _state = DeviceLinkState.Opening;
        var channel = _channelFactory();
        await using (channel.ConfigureAwait(false))
        {
            ChannelDescription = channel.Description;
            try
            {
                await channel.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Counters.AddOpenFailure();
                if (ex is IOException)
                {
                    LogOpenFailed(DeviceId, channel.Description, ex.Message);
                }
                else
                {
                    LogOpenFailedUnexpectedly(ex, DeviceId, channel.Description);
                }

                ReportDisconnected(wasConnected: false, ex.Message);
                return false;
            }

            // Re-read after open: a channel may only know its endpoint then (a by-id link resolved to its node).
            ChannelDescription = channel.Description;
            Counters.AddConnect();
            _sessionHadData = false;
            LogConnected(DeviceId, channel.Description);
            ReportConnected(channel.Description);
            _state = DeviceLinkState.Connected;

            var reason = "stopped";
            try
            {
                await RunSessionAsync(channel, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (IOException ex)
            {
                // DeviceUnavailableException and other I/O failures: the expected ways a device goes away.
                reason = ex.Message;
                LogLost(DeviceId, channel.Description, ex.Message);
            }
            catch (Exception ex)
            {
                reason = ex.Message;
                LogSessionFailed(ex, DeviceId, channel.Description);
            }
            finally
            {
                _state = DeviceLinkState.Opening;
                Counters.AddDisconnect();
                DropPartialFrame();
                ReportDisconnected(wasConnected: true, reason);
            }

            return _sessionHadData;
        }
    }

    private async Task RunSessionAsync(IByteChannel channel, CancellationToken cancellationToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var openedAt = _time.GetTimestamp();
        DrainStaleTriggers();

        var interval = _protocol.TickInterval;
        using var tick = interval is { } period && period > TimeSpan.Zero
            ? _time.CreateTimer(static state => ((DeviceLink)state!).Poke(), this, period, period)
            : null;

        var reader = ReadLoopAsync(channel, session.Token);
        var writer = WriteLoopAsync(channel, openedAt, session.Token);
        var first = await Task.WhenAny(reader, writer).ConfigureAwait(false);
        await session.CancelAsync().ConfigureAwait(false);

        // Observe both loops; the one that ended first carries the cause, the other just saw the cancellation.
        Exception? failure = null;
        foreach (var loop in first == reader ? [reader, writer] : new[] { writer, reader })
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (session.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new DeviceUnavailableException($"{channel.Description}: the session ended without an error.");
    }

    private async Task ReadLoopAsync(IByteChannel channel, CancellationToken cancellationToken)
    {
        var buffer = _readBuffer;
        _filled = 0;
        while (true)
        {
            if (_filled == buffer.Length)
            {
                // The protocol keeps a "partial frame" as long as the whole buffer: no frame is that long,
                // so it is junk the decoder cannot resync over. Drop it, counted, and carry on.
                lock (_protocolGate)
                {
                    _sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Truncated, _filled, "partial frame longer than the link's read buffer; dropped"));
                }

                _filled = 0;
            }

            var n = await channel.ReadAsync(buffer.AsMemory(_filled), cancellationToken).ConfigureAwait(false);
            if (n <= 0)
            {
                throw new DeviceUnavailableException($"{channel.Description}: read returned no data (end of stream).");
            }

            Counters.AddRead(n);
            _sessionHadData = true;
            _filled += n;

            int consumed;
            lock (_protocolGate)
            {
                consumed = _protocol.Decode(buffer.AsSpan(0, _filled), _time.GetUtcNow(), _sink);
            }

            if ((uint)consumed > (uint)_filled)
            {
                LogBadConsumedCount(DeviceId, _protocol.ProtocolId, consumed, _filled);
                consumed = consumed < 0 ? 0 : _filled;
            }

            if (consumed > 0)
            {
                // Keep the unconsumed tail (a frame split across reads) at the front for the next read.
                buffer.AsSpan(consumed, _filled - consumed).CopyTo(buffer);
                _filled -= consumed;
            }

            if (_protocol.WritesAfterDecode)
            {
                Poke();
            }
        }
    }

    private async Task WriteLoopAsync(IByteChannel channel, long openedAt, CancellationToken cancellationToken)
    {
        await WriteCommandsAsync(channel, openedAt, justOpened: true, DeviceRequest.None, cancellationToken).ConfigureAwait(false);
        var triggers = _triggers.Reader;
        while (await triggers.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (triggers.TryRead(out var request))
            {
                if (request == DeviceRequest.None)
                {
                    // Allow the next poke to queue: everything up to now is handled by this call.
                    Volatile.Write(ref _pokePending, 0);
                }

                await WriteCommandsAsync(channel, openedAt, justOpened: false, request, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask WriteCommandsAsync(IByteChannel channel, long openedAt, bool justOpened, DeviceRequest request, CancellationToken cancellationToken)
    {
        int count;
        lock (_protocolGate)
        {
            count = _protocol.WriteCommands(new ProtocolTick(_time.GetElapsedTime(openedAt), justOpened, request), _writeBuffer);
        }

        if (count <= 0)
        {
            return;
        }

        count = Math.Min(count, _writeBuffer.Length);
        await channel.WriteAsync(_writeBuffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        Counters.AddWritten(count);
    }

    /// <summary>Asks the write loop to give the protocol a chance to send (after input, on a tick). Coalesced.</summary>
    private void Poke()
    {
        if (Interlocked.Exchange(ref _pokePending, 1) == 0)
        {
            _triggers.Writer.TryWrite(DeviceRequest.None);
        }
    }

    private void DrainStaleTriggers()
    {
        while (_triggers.Reader.TryRead(out var stale))
        {
            if (stale != DeviceRequest.None)
            {
                LogDroppedRequest(DeviceId, stale);
            }
        }

        Volatile.Write(ref _pokePending, 0);
    }

    private void DropPartialFrame()
    {
        if (_filled > 0)
        {
            lock (_protocolGate)
            {
                _sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Truncated, _filled, "partial frame lost when the channel closed"));
            }

            _filled = 0;
        }
    }
}

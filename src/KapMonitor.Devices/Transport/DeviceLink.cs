using System.Threading.Channels;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Devices.Transport;

/// <summary>
/// The reconnecting connection to ONE device: opens a fresh <see cref="IByteChannel"/> (with exponential
/// back-off and jitter between attempts), feeds received bytes through the <see cref="IDeviceProtocol"/>
/// into the <see cref="IDecodeSink"/>, and sends the protocol's commands. Reports
/// <see cref="DeviceCondition.Connected"/> / <see cref="DeviceCondition.Disconnected"/> edges to the sink.
/// </summary>
/// <remarks>
/// <para>Per session there is one read loop and one write loop (exactly one writer). Every
/// trigger for <see cref="IDeviceProtocol.WriteCommands"/> (open, decoded input, tick, request) is
/// queued on a single-reader channel that only the write loop drains. Protocol calls and sink calls are
/// serialised by a lock, so protocols and sinks never see two threads at once.</para>
/// <para>Received bytes land in one buffer allocated with the link; the unconsumed tail of a frame split
/// across reads is moved to the front and completed by the next read, so steady state allocates nothing.</para>
/// <para>Status edges: on open, <c>Disconnected(false)</c> (if it was active) then <c>Connected(true)</c>;
/// on loss, <c>Connected(false)</c> then <c>Disconnected(true)</c> with the reason as detail. The first
/// failed open also reports <c>Disconnected(true)</c>.</para>
/// </remarks>
public sealed partial class DeviceLink
{
    private readonly Func<IByteChannel> _channelFactory;
    private readonly IDeviceProtocol _protocol;
    private readonly CountingDecodeSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DeviceLinkOptions _options;
    private readonly Random _random;
    private readonly Channel<DeviceRequest> _triggers =
        Channel.CreateUnbounded<DeviceRequest>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Lock _protocolGate = new();
    private readonly byte[] _readBuffer;
    private readonly byte[] _writeBuffer;
    private int _filled;
    private int _pokePending;
    private int _running;
    private bool _disconnectedActive;
    private bool _sessionHadData;
    private volatile DeviceLinkState _state;

    /// <summary>Creates a link; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="deviceId">Configured device id, stamped on status events.</param>
    /// <param name="channelFactory">Makes a new, unopened channel for each connection attempt.</param>
    /// <param name="protocol">The device's framer/decoder and command source (one instance per link).</param>
    /// <param name="sink">Receives observations, status edges and protocol errors.</param>
    /// <param name="timeProvider">Clock for sample stamps, back-off and ticks.</param>
    /// <param name="logger">Log for connection changes and failures.</param>
    /// <param name="options">Back-off and buffer sizes; defaults when null.</param>
    public DeviceLink(
        string deviceId,
        Func<IByteChannel> channelFactory,
        IDeviceProtocol protocol,
        IDecodeSink sink,
        TimeProvider timeProvider,
        ILogger logger,
        DeviceLinkOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(channelFactory);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options ?? new DeviceLinkOptions();
        _options.Validate();

        DeviceId = deviceId;
        _channelFactory = channelFactory;
        _protocol = protocol;
        _sink = new CountingDecodeSink(sink, Counters);
        _time = timeProvider;
        _logger = logger;
        _random = _options.Random ?? Random.Shared;
        _readBuffer = new byte[_options.ReadBufferSize];
        _writeBuffer = new byte[_options.WriteBufferSize];
    }

    /// <summary>The device id given at construction.</summary>
    public string DeviceId { get; }

    /// <summary>Running totals (bytes, reconnects, protocol errors).</summary>
    public DeviceLinkCounters Counters { get; } = new();

    /// <summary>What the link is doing now.</summary>
    public DeviceLinkState State => _state;

    /// <summary>The wait chosen for the current (or last) back-off.</summary>
    public TimeSpan CurrentBackoff { get; private set; }

    /// <summary>Description of the current (or last) channel, for status pages.</summary>
    public string? ChannelDescription { get; private set; }

    /// <summary>
    /// Asks the protocol to act on <paramref name="request"/> (e.g. start an NIBP cycle); its commands are sent by the
    /// write loop. Throws <see cref="DeviceUnavailableException"/> while the device is not connected, rather than
    /// sending a stale request whenever it comes back.
    /// </summary>
    public ValueTask RequestAsync(DeviceRequest request, CancellationToken cancellationToken = default)
    {
        if (State != DeviceLinkState.Connected)
        {
            throw new DeviceUnavailableException($"Device '{DeviceId}' is not connected ({State}); request {request} not sent.");
        }

        return _triggers.Writer.WriteAsync(request, cancellationToken);
    }

    /// <summary>
    /// Connects, decodes and reconnects until <paramref name="cancellationToken"/> is cancelled. Failures are
    /// logged and retried after a back-off; the returned task ends (cancelled) only when stopped.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"DeviceLink '{DeviceId}' is already running.");
        }

        try
        {
            var failedAttempts = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var hadData = await ConnectAndRunAsync(cancellationToken).ConfigureAwait(false);
                    failedAttempts = hadData ? 0 : failedAttempts + 1;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    // Per-iteration guard: a broken channel factory or protocol must not end the link.
                    LogIterationFailed(ex, DeviceId, ex.Message);
                    failedAttempts++;
                }

                await BackOffAsync(failedAttempts, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _state = DeviceLinkState.Stopped;
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Back-off for the given number of consecutive fruitless attempts (0 = right after a good session).</summary>
    internal TimeSpan NextBackoff(int failedAttempts)
    {
        var min = _options.BackoffMin.Ticks;
        var max = _options.BackoffMax.Ticks;
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = Math.Min(max, min * Math.Pow(2, exponent));
        ticks *= 1 - (_options.BackoffJitter * _random.NextDouble());
        return TimeSpan.FromTicks(Math.Max(1, (long)ticks));
    }

    private async Task BackOffAsync(int failedAttempts, CancellationToken cancellationToken)
    {
        var delay = NextBackoff(failedAttempts);
        CurrentBackoff = delay;

        // Create the timer before publishing the state, so a test that sees BackingOff can advance a manual clock past it.
        var wait = Task.Delay(delay, _time, cancellationToken);
        _state = DeviceLinkState.BackingOff;
        LogBackingOff(DeviceId, delay.TotalSeconds);
        await wait.ConfigureAwait(false);
    }

    private void ReportConnected(string description)
    {
        var now = _time.GetUtcNow();
        lock (_protocolGate)
        {
            if (_disconnectedActive)
            {
                _sink.OnStatus(new DeviceStatusEvent(DeviceId, DeviceCondition.Disconnected, false, now));
                _disconnectedActive = false;
            }

            _sink.OnStatus(new DeviceStatusEvent(DeviceId, DeviceCondition.Connected, true, now, Detail: description));
        }
    }

    private void ReportDisconnected(bool wasConnected, string reason)
    {
        var now = _time.GetUtcNow();
        lock (_protocolGate)
        {
            if (wasConnected)
            {
                _sink.OnStatus(new DeviceStatusEvent(DeviceId, DeviceCondition.Connected, false, now));
            }

            if (!_disconnectedActive)
            {
                _sink.OnStatus(new DeviceStatusEvent(DeviceId, DeviceCondition.Disconnected, true, now, Detail: reason));
                _disconnectedActive = true;
            }
        }
    }
}

using System.Collections.Concurrent;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Transport;
using KapMonitor.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace KapMonitor.Devices.Tests.Transport;

/// <summary>DeviceLink over in-memory pipes with a manual clock: decoding, commands, reconnects, back-off.</summary>
public sealed class DeviceLinkTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestLoggerProvider _logs = new(output);
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingSink _sink = new();
    private readonly ConcurrentQueue<DeviceEnd> _devices = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _run.WaitAsync(Eventually.Limit));
        }

        _stop.Dispose();
        _logs.AssertNoErrors();
        _logs.Dispose();
    }

    [Fact]
    public async Task Start_up_commands_are_written_when_the_channel_opens()
    {
        var (link, _) = Start();
        var device = await NextDeviceAsync();

        Assert.StartsWith("HELLO\n", await device.ReceiveUntilAsync("HELLO\n"), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => link.State == DeviceLinkState.Connected, () => link.State.ToString());
        Assert.Equal(["Connected+"], _sink.Edges);
        Assert.Equal("test", _sink.Statuses[0].DeviceId);
        Assert.Equal(6, link.Counters.BytesWritten);
    }

    [Fact]
    public async Task Frames_split_at_every_point_across_reads_decode_once_complete()
    {
        var (link, protocol) = Start();
        var device = await NextDeviceAsync();
        const string Frames = "S97\nS98\nS99\n";

        long sent = 0;
        for (var split = 1; split < Frames.Length; split++)
        {
            var before = _sink.Observations.Count;
            await device.SendAsync(Frames[..split]);
            sent += split;
            await Eventually.TrueAsync(() => link.Counters.BytesRead == sent, () => $"read {link.Counters.BytesRead} of {sent}");
            await device.SendAsync(Frames[split..]);
            sent += Frames.Length - split;
            await Eventually.TrueAsync(() => _sink.Observations.Count == before + 3, () => $"{_sink.Observations.Count - before} of 3 at split {split}");
        }

        Assert.Equal(Enumerable.Repeat<double[]>([97, 98, 99], Frames.Length - 1).SelectMany(v => v), _sink.Values);
        Assert.Empty(_sink.Errors);
        Assert.All(_sink.Observations, o => Assert.Equal(_time.GetUtcNow(), o.ReceivedAt));
        Assert.Equal(_sink.Observations.Count, link.Counters.Observations);
        Assert.False(protocol.SawConcurrentCalls);
    }

    [Fact]
    public async Task Commands_follow_decoded_input_ticks_and_requests_through_one_writer()
    {
        var (link, protocol) = Start(tick: TimeSpan.FromSeconds(5));
        var device = await NextDeviceAsync();
        await device.ReceiveUntilAsync("HELLO\n");
        await Eventually.TrueAsync(() => link.State == DeviceLinkState.Connected, () => link.State.ToString());

        await device.SendAsync("S95\n");
        await device.ReceiveUntilAsync("ACK\n");

        _time.Advance(TimeSpan.FromSeconds(5));
        await device.ReceiveUntilAsync("PING\n");

        await link.RequestAsync(DeviceRequest.StartMeasurement);
        var all = await device.ReceiveUntilAsync("START\n");
        Assert.Equal("HELLO\nACK\nPING\nSTART\n", all);

        var ticks = protocol.Ticks;
        Assert.True(ticks[0].JustOpened);
        Assert.All(ticks.ToArray()[1..], t => Assert.False(t.JustOpened));
        Assert.Contains(ticks, t => t.SinceOpen == TimeSpan.FromSeconds(5) && t.Request == DeviceRequest.None);
        Assert.Equal(DeviceRequest.StartMeasurement, ticks[^1].Request);
        Assert.False(protocol.SawConcurrentCalls);
    }

    [Fact]
    public async Task A_listen_only_protocol_is_not_asked_for_commands_after_each_read()
    {
        var (link, protocol) = Start(tick: TimeSpan.FromSeconds(5), writesAfterDecode: false);
        var device = await NextDeviceAsync();
        await device.ReceiveUntilAsync("HELLO\n");

        await device.SendAsync("S95\n");
        await device.SendAsync("S96\n");
        await Eventually.TrueAsync(() => _sink.Observations.Count == 2, () => $"{_sink.Observations.Count} of 2 observations");

        // Only the open was asked so far; the tick and a request still reach the protocol (and carry the ACKs).
        Assert.Single(protocol.Ticks);
        _time.Advance(TimeSpan.FromSeconds(5));
        await device.ReceiveUntilAsync("ACK\nACK\n");
        await link.RequestAsync(DeviceRequest.StartMeasurement);
        Assert.Equal("HELLO\nACK\nACK\nSTART\n", await device.ReceiveUntilAsync("START\n"));
        Assert.Equal(3, protocol.Ticks.Count);
    }

    [Fact]
    public async Task Link_reconnects_after_the_channel_becomes_unavailable_and_reports_the_edges()
    {
        var (link, _) = Start();
        var first = await NextDeviceAsync();
        await first.SendAsync("S90\nS9");
        await Eventually.TrueAsync(() => link.Counters.BytesRead == 6, () => $"{link.Counters.BytesRead} bytes");

        // Unplug: the host's next read throws DeviceUnavailableException.
        await first.Channel.DisposeAsync();
        await Eventually.TrueAsync(() => link.State == DeviceLinkState.BackingOff, () => link.State.ToString());
        Assert.Equal(["Connected+", "Connected-", "Disconnected+"], _sink.Edges);
        var truncated = Assert.Single(_sink.Errors);
        Assert.Equal((ProtocolErrorKind.Truncated, 2), (truncated.Kind, truncated.ByteCount));
        await Assert.ThrowsAsync<DeviceUnavailableException>(() => link.RequestAsync(DeviceRequest.StartMeasurement).AsTask());

        _time.Advance(link.CurrentBackoff);
        var second = await NextDeviceAsync();
        await second.ReceiveUntilAsync("HELLO\n");
        await second.SendAsync("S91\n");
        await Eventually.TrueAsync(() => _sink.Observations.Count == 2, () => $"{_sink.Observations.Count} observations");

        Assert.Equal([90.0, 91.0], _sink.Values);
        Assert.Equal(["Connected+", "Connected-", "Disconnected+", "Disconnected-", "Connected+"], _sink.Edges);
        Assert.Equal(1, link.Counters.Reconnects);
        Assert.Equal(1, link.Counters.Disconnects);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("lost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Back_off_doubles_up_to_the_maximum_on_the_injected_clock()
    {
        var attempts = 0;
        var options = new DeviceLinkOptions { BackoffMin = TimeSpan.FromSeconds(1), BackoffMax = TimeSpan.FromSeconds(8), BackoffJitter = 0 };
        var link = new DeviceLink("test", () => { Interlocked.Increment(ref attempts); return new AbsentChannel(); },
            new LineProtocol("test"), _sink, _time, _logs.CreateLogger("link"), options);
        _run = link.RunAsync(_stop.Token);

        double[] expected = [1, 2, 4, 8, 8, 8];
        for (var i = 0; i < expected.Length; i++)
        {
            var attempt = i + 1;
            await Eventually.TrueAsync(() => link.State == DeviceLinkState.BackingOff && Volatile.Read(ref attempts) == attempt,
                () => $"{link.State}, {attempts} attempts");
            Assert.Equal(TimeSpan.FromSeconds(expected[i]), link.CurrentBackoff);

            // Nothing happens before the back-off has fully elapsed on the manual clock...
            _time.Advance(link.CurrentBackoff - TimeSpan.FromTicks(1));
            await Task.Yield();
            Assert.Equal(attempt, Volatile.Read(ref attempts));

            // ...and the next attempt comes once it has.
            _time.Advance(TimeSpan.FromTicks(1));
            await Eventually.TrueAsync(() => Volatile.Read(ref attempts) == attempt + 1, () => $"{attempts} attempts");
        }

        Assert.Equal(["Disconnected+"], _sink.Edges);
        Assert.True(link.Counters.OpenFailures >= expected.Length);
        Assert.Equal(0, link.Counters.Connects);
    }

    [Fact]
    public async Task Jitter_shortens_each_back_off_by_at_most_the_configured_fraction()
    {
        var attempts = 0;
        var options = new DeviceLinkOptions
        {
            BackoffMin = TimeSpan.FromSeconds(2), BackoffMax = TimeSpan.FromSeconds(30), BackoffJitter = 0.5, Random = new Random(42),
        };
        var link = new DeviceLink("test", () => { Interlocked.Increment(ref attempts); return new AbsentChannel(); },
            new LineProtocol("test"), _sink, _time, _logs.CreateLogger("link"), options);
        _run = link.RunAsync(_stop.Token);

        var seen = new List<TimeSpan>();
        double[] ceilings = [2, 4, 8, 16, 30, 30, 30, 30];
        for (var i = 0; i < ceilings.Length; i++)
        {
            var attempt = i + 1;
            await Eventually.TrueAsync(() => link.State == DeviceLinkState.BackingOff && Volatile.Read(ref attempts) == attempt,
                () => $"{link.State}, {attempts} attempts");
            var delay = link.CurrentBackoff;
            Assert.InRange(delay.TotalSeconds, ceilings[i] / 2, ceilings[i]);
            seen.Add(delay);
            _time.Advance(delay);
        }

        Assert.True(seen.Distinct().Count() > 1, "jitter should vary the waits");
    }

    [Fact]
    public async Task Stopping_ends_run_with_cancellation_and_closes_the_channel()
    {
        var (link, _) = Start();
        var device = await NextDeviceAsync();
        await device.ReceiveUntilAsync("HELLO\n");

        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _run!.WaitAsync(Eventually.Limit));
        Assert.Equal(DeviceLinkState.Stopped, link.State);

        // The link's end was disposed: the device side sees the close.
        await Assert.ThrowsAsync<DeviceUnavailableException>(() => device.Channel.ReadAsync(new byte[8], CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_partial_frame_longer_than_the_buffer_is_dropped_as_truncated_and_decoding_goes_on()
    {
        var (link, _) = Start(options: new DeviceLinkOptions { ReadBufferSize = 16 });
        var device = await NextDeviceAsync();

        await device.SendAsync(new string('x', 16));
        await Eventually.TrueAsync(() => _sink.Errors.Count == 1, () => $"{_sink.Errors.Count} errors");
        await device.SendAsync("\nS96\n");
        await Eventually.TrueAsync(() => _sink.Observations.Count == 1, () => $"{_sink.Observations.Count} observations");

        Assert.Equal(ProtocolErrorKind.Truncated, _sink.Errors[0].Kind);
        Assert.Equal(16, _sink.Errors[0].ByteCount);
        Assert.Equal(2, link.Counters.ProtocolErrors); // the truncation and the lone "\n" line
        Assert.Equal([96.0], _sink.Values);
    }

    [Fact]
    public void Bad_options_are_refused_with_the_setting_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DeviceLinkOptions { BackoffMin = TimeSpan.FromSeconds(5), BackoffMax = TimeSpan.FromSeconds(1) }.Validate());
        Assert.Contains("DeviceLinkOptions.BackoffMax must be at least BackoffMin", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DeviceLinkOptions { BackoffJitter = 1.5 }.Validate());
        Assert.Throws<ArgumentException>(() => new DeviceLinkOptions { ReadBufferSize = 4 }.Validate());
    }

    private (DeviceLink Link, LineProtocol Protocol) Start(TimeSpan? tick = null, DeviceLinkOptions? options = null, bool writesAfterDecode = true)
    {
        var protocol = new LineProtocol("test", tick, writesAfterDecode);
        var link = new DeviceLink("test", NewChannel, protocol, _sink, _time, _logs.CreateLogger("link"), options);
        _run = link.RunAsync(_stop.Token);
        return (link, protocol);
    }

    private PipeByteChannel NewChannel()
    {
        var (host, device) = PipeByteChannel.CreatePair();
        device.OpenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _devices.Enqueue(new DeviceEnd(device));
        return host;
    }

    private async Task<DeviceEnd> NextDeviceAsync()
    {
        DeviceEnd? device = null;
        await Eventually.TrueAsync(() => _devices.TryDequeue(out device), () => "the link never opened a channel");
        return device!;
    }

    /// <summary>A channel whose device is never there.</summary>
    private sealed class AbsentChannel : IByteChannel
    {
        public string Description => "absent";

        public ValueTask OpenAsync(CancellationToken cancellationToken) => throw new DeviceUnavailableException("absent: not plugged in");

        public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

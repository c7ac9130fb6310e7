using KapMonitor.Simulators.Devices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KapMonitor.Simulators.Hosting;

/// <summary>
/// Runs many simulated devices in one process on one timer: a priority queue of next-due ticks drained
/// by whichever timer callback holds the gate, so 1,000 devices cost one timer, not 1,000 threads.
/// All devices share one clock (a <see cref="Core.Time.ScaledTimeProvider"/> for demos, a manual clock
/// in tests), which is what makes runs reproducible.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _resolution;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly List<SimulatedDevice> _devices = [];
    private readonly PriorityQueue<SimulatedDevice, (long Due, long Sequence)> _due = new();
    private ITimer? _timer;
    private long _startTimestamp;
    private long _sequence;

    /// <summary>Creates a host.</summary>
    /// <param name="time">The shared clock.</param>
    /// <param name="resolution">Timer period (session time); devices tick no more often than this. Default 20 ms.</param>
    /// <param name="logger">Where device failures are logged.</param>
    public SimulatorHost(TimeProvider time, TimeSpan? resolution = null, ILogger<SimulatorHost>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _resolution = resolution ?? TimeSpan.FromMilliseconds(20);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The devices added so far.</summary>
    public IReadOnlyList<SimulatedDevice> Devices
    {
        get
        {
            lock (_gate)
            {
                return [.. _devices];
            }
        }
    }

    /// <summary>Device ticks run so far.</summary>
    public long TickCount { get; private set; }

    /// <summary>Device ticks that threw (logged and survived).</summary>
    public long FaultCount { get; private set; }

    /// <summary>Session time since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => _timer is null ? TimeSpan.Zero : _time.GetElapsedTime(_startTimestamp);

    /// <summary>Adds a device; it first ticks at the current session time.</summary>
    public void Add(SimulatedDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        lock (_gate)
        {
            _devices.Add(device);
            _due.Enqueue(device, (Elapsed.Ticks, ++_sequence));
        }
    }

    /// <summary>Starts the shared timer; session time zero is now.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_timer is not null)
            {
                throw new InvalidOperationException("The simulator host is already running.");
            }

            _startTimestamp = _time.GetTimestamp();
            _timer = _time.CreateTimer(static s => ((SimulatorHost)s!).OnTimer(), this, _resolution, _resolution);
        }
    }

    /// <summary>
    /// Runs every device tick due up to session time <paramref name="now"/>. The timer calls this; a
    /// harness or test may call it directly without starting the timer.
    /// </summary>
    public void Pump(TimeSpan now)
    {
        lock (_gate)
        {
            while (_due.TryPeek(out var device, out var priority) && priority.Due <= now.Ticks)
            {
                _due.Dequeue();
                try
                {
                    device.Tick(now);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    FaultCount++;
                    _logger.LogError(ex, "Simulated {Protocol} device on {Output} failed a tick", device.ProtocolId, device.Output.Description);
                }

                TickCount++;
                var next = priority.Due + device.TickInterval.Ticks;
                if (next <= now.Ticks)
                {
                    // Fell behind (slow machine, huge speed-up): catch up once instead of spinning.
                    next = now.Ticks + device.TickInterval.Ticks;
                }

                // The sequence keeps equal due times in insertion order, so runs are reproducible.
                _due.Enqueue(device, (next, ++_sequence));
            }
        }
    }

    /// <summary>Stops the timer and disposes every device's output.</summary>
    public async ValueTask DisposeAsync()
    {
        ITimer? timer;
        SimulatedDevice[] devices;
        lock (_gate)
        {
            timer = _timer;
            _timer = null;
            devices = [.. _devices];
            _devices.Clear();
            _due.Clear();
        }

        if (timer is not null)
        {
            await timer.DisposeAsync();
        }

        foreach (var device in devices)
        {
            await device.Output.DisposeAsync();
        }
    }

    private void OnTimer()
    {
        // A slow tick must not pile up callbacks: skip this one, the next catches up.
        if (!Monitor.TryEnter(_gate))
        {
            return;
        }

        try
        {
            if (_timer is not null)
            {
                Pump(_time.GetElapsedTime(_startTimestamp));
            }
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}

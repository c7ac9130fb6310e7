using KapMonitor.Simulators.Outputs;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Devices;

/// <summary>
/// A simulated device: patient model + device behaviour + encoder, writing to an
/// <see cref="ISimulatorOutput"/>. Driven by <see cref="Tick"/> from one scheduler (no thread of its
/// own), with session time passed in, so the same seed and the same clock give the same bytes.
/// </summary>
public abstract class SimulatedDevice
{
    private const int ScratchSize = 4096;
    private readonly byte[] _scratch = new byte[ScratchSize];
    private readonly byte[] _receive = new byte[256];
    private int _pending;
    private bool _unplugged;
    private bool _started;

    /// <summary>Creates the device.</summary>
    protected SimulatedDevice(SimulatedSession session, ISimulatorOutput output)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(output);
        Session = session;
        Output = output;
    }

    /// <summary>Protocol id of the bytes this device speaks (as in <c>ProtocolRegistry</c>).</summary>
    public abstract string ProtocolId { get; }

    /// <summary>Which scenario events apply to this device.</summary>
    public abstract ScenarioTarget Kind { get; }

    /// <summary>How often the scheduler should call <see cref="Tick"/> (session time).</summary>
    public virtual TimeSpan TickInterval => TimeSpan.FromMilliseconds(100);

    /// <summary>The patient and scenario.</summary>
    public SimulatedSession Session { get; }

    /// <summary>Where the bytes go.</summary>
    public ISimulatorOutput Output { get; }

    /// <summary>Advances the device to session time <paramref name="now"/>: handles the cable, reads commands, emits what is due.</summary>
    public void Tick(TimeSpan now)
    {
        if (!_started)
        {
            // A device switched on mid-session starts streaming now, not with a burst since session start.
            _started = true;
            if (now > TimeSpan.Zero)
            {
                SkipTo(now - TimeSpan.FromTicks(1));
            }
        }

        var unplugged = Session.IsUnplugged(now, Kind);
        if (unplugged != _unplugged)
        {
            _unplugged = unplugged;
            Output.SetAttached(!unplugged);
            OnAttachmentChanged(!unplugged, now);
        }

        if (unplugged)
        {
            SkipTo(now);
            return;
        }

        int n;
        while ((n = Output.Read(_receive)) > 0)
        {
            OnReceived(_receive.AsSpan(0, n), now);
        }

        Produce(now);
        Flush();
    }

    /// <summary>Emits whatever is due up to <paramref name="now"/> using <see cref="Reserve"/>/<see cref="Commit"/> or <see cref="Send"/>.</summary>
    protected abstract void Produce(TimeSpan now);

    /// <summary>Drops output due up to <paramref name="now"/> (while unplugged).</summary>
    protected abstract void SkipTo(TimeSpan now);

    /// <summary>Host → device bytes arrived.</summary>
    protected virtual void OnReceived(ReadOnlySpan<byte> data, TimeSpan now)
    {
    }

    /// <summary>The cable was pulled (false) or plugged back (true); devices reset their link state here.</summary>
    protected virtual void OnAttachmentChanged(bool attached, TimeSpan now)
    {
    }

    /// <summary>Space for at least <paramref name="size"/> bytes of output, batched into one write per tick.</summary>
    protected Span<byte> Reserve(int size)
    {
        if (_pending + size > _scratch.Length)
        {
            Flush();
        }

        return _scratch.AsSpan(_pending, size);
    }

    /// <summary>Marks <paramref name="size"/> reserved bytes as written.</summary>
    protected void Commit(int size) => _pending += size;

    /// <summary>Queues bytes for output.</summary>
    protected void Send(ReadOnlySpan<byte> data)
    {
        data.CopyTo(Reserve(data.Length));
        Commit(data.Length);
    }

    private void Flush()
    {
        if (_pending > 0)
        {
            Output.Write(_scratch.AsSpan(0, _pending));
            _pending = 0;
        }
    }
}

using KapMonitor.Simulators.Outputs;

namespace KapMonitor.Simulators.Tests.Integration;

/// <summary>
/// The cable between a simulated device and its pty, with a hand on the plug. Serialises the simulator's
/// timer thread against the test thread (a pulled plug closes the pty master, which must not happen under a
/// write in flight), counts bytes both ways and can cut a frame short, as a cable pulled mid-frame does.
/// </summary>
internal sealed class PtyProtocolCable(PtySimulatorOutput pty) : ISimulatorOutput
{
    private readonly Lock _gate = new();
    private long _bytesToHost;
    private long _bytesToHostBeforeFirstCommand = -1;
    private byte[] _firstCommand = [];
    private bool _cutPending;
    private bool _frozen;

    public PtySimulatorOutput Pty { get; } = pty;

    public string Description => Pty.Description;

    /// <summary>Bytes the device has written towards the host.</summary>
    public long BytesToHost
    {
        get
        {
            lock (_gate)
            {
                return _bytesToHost;
            }
        }
    }

    /// <summary>Bytes the device had written before the host's first command reached it (-1: no command yet).</summary>
    public long BytesToHostBeforeFirstCommand
    {
        get
        {
            lock (_gate)
            {
                return _bytesToHostBeforeFirstCommand;
            }
        }
    }

    /// <summary>The first chunk of host → device bytes the device read.</summary>
    public byte[] FirstCommand
    {
        get
        {
            lock (_gate)
            {
                return _firstCommand;
            }
        }
    }

    /// <summary>The next write goes out without its last two bytes; then the line stays dead until <see cref="SetAttached"/>.</summary>
    public void CutNextWrite()
    {
        lock (_gate)
        {
            _cutPending = true;
        }
    }

    /// <summary>True once a write was cut.</summary>
    public bool Frozen
    {
        get
        {
            lock (_gate)
            {
                return _frozen;
            }
        }
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (_frozen)
            {
                return;
            }

            if (_cutPending && data.Length > 2)
            {
                // Devices write whole frames, so dropping the last two bytes always leaves a frame without its end
                // (a Masimo line without CR LF, a Nonin frame or a Contec packet short of bytes).
                data = data[..(data.Length - 2)];
                _cutPending = false;
                _frozen = true;
            }

            Pty.Write(data);
            _bytesToHost += data.Length;
        }
    }

    public int Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            var n = Pty.Read(buffer);
            if (n > 0 && _bytesToHostBeforeFirstCommand < 0)
            {
                _bytesToHostBeforeFirstCommand = _bytesToHost;
                _firstCommand = buffer[..n].ToArray();
            }

            return n;
        }
    }

    public void SetAttached(bool attached)
    {
        lock (_gate)
        {
            Pty.SetAttached(attached);
            if (attached)
            {
                _frozen = false;
                _cutPending = false;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            return Pty.DisposeAsync();
        }
    }
}

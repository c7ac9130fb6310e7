namespace KapMonitor.Simulators.Outputs;

/// <summary>
/// Where a simulated device's bytes go and where host commands come from: a pty, a TCP client, a
/// capture file, memory — and later a BLE peripheral. Called from the simulator's single scheduler
/// thread, so implementations need not be thread-safe against themselves; every call is non-blocking.
/// </summary>
public interface ISimulatorOutput : IAsyncDisposable
{
    /// <summary>Where the device can be found ("/dev/pts/7", "tcp://127.0.0.1:4001", a file path).</summary>
    string Description { get; }

    /// <summary>Sends device → host bytes. Never blocks: with no reader attached bytes are lost, as on a real line.</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>Reads host → device bytes already received; returns 0 when there are none.</summary>
    int Read(Span<byte> buffer);

    /// <summary>Simulates the cable being pulled (false) and plugged back in (true).</summary>
    void SetAttached(bool attached);
}

using System.Globalization;

namespace KapMonitor.Simulators.Outputs;

/// <summary>
/// Writes the raw byte stream to a file (a capture to replay later) and, optionally, a timing sidecar
/// <c>PATH.timing.csv</c> with one line per write: <c>elapsed_seconds,offset,length</c> on the shared clock.
/// Host commands never arrive; an unplug window simply leaves a gap in the timing.
/// </summary>
public sealed class CaptureFileSimulatorOutput : ISimulatorOutput
{
    private readonly FileStream _data;
    private readonly StreamWriter? _timing;
    private readonly TimeProvider _time;
    private readonly long _start;
    private long _offset;

    /// <summary>Creates (truncates) <paramref name="path"/> and, if <paramref name="writeTiming"/>, the sidecar.</summary>
    public CaptureFileSimulatorOutput(string path, TimeProvider time, bool writeTiming = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        Path = path;
        _time = time;
        _start = time.GetTimestamp();
        _data = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        if (writeTiming)
        {
            _timing = new StreamWriter(path + ".timing.csv", append: false) { NewLine = "\n" };
            _timing.WriteLine("elapsed_seconds,offset,length");
        }
    }

    /// <summary>The capture file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Description => Path;

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data)
    {
        _data.Write(data);
        _timing?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_time.GetElapsedTime(_start).TotalSeconds:F3},{_offset},{data.Length}"));
        _offset += data.Length;
    }

    /// <inheritdoc />
    public int Read(Span<byte> buffer) => 0;

    /// <inheritdoc />
    public void SetAttached(bool attached)
    {
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _data.DisposeAsync();
        if (_timing is not null)
        {
            await _timing.DisposeAsync();
        }
    }
}

namespace KapMonitor.Service.Tests.Integration;

/// <summary>
/// Plays a Nonin oximeter in Data Format #8 on the far end of a pty (protocols.md §2.1):
/// STATUS (bit7 = 1, bit6 = probe off, bits1-0 = HR bits 8-7) | HR low 7 bits | SpO2 | STATUS2.
/// </summary>
public sealed class Df8Device(string path) : IAsyncDisposable
{
    private readonly FileStream _stream = new(path, FileMode.Open, FileAccess.ReadWrite);

    /// <summary>Frames written so far.</summary>
    public int Frames { get; private set; }

    /// <summary>Writes one frame and waits <paramref name="gapMs"/> (one device second on the test's scaled clock).</summary>
    public async Task WriteAsync(int spo2, int heartRate, bool probeOff = false, int gapMs = 100, CancellationToken cancellationToken = default)
    {
        byte[] frame =
        [
            (byte)(0x80 | (probeOff ? 0x40 : 0) | ((heartRate >> 7) & 0x03)),
            (byte)(heartRate & 0x7F),
            (byte)(spo2 & 0x7F),
            0x00,
        ];
        await _stream.WriteAsync(frame, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        Frames++;
        if (gapMs > 0)
        {
            await Task.Delay(gapMs, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}

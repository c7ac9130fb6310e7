namespace KapMonitor.Service.Tests.Integration;

/// <summary>
/// Plays a Nonin oximeter in Data Format #8 on the far end of a pty (mattjlewis/NoninPulseOx):
/// STATUS (bit7 = 1, bit6 = probe off, bits1-0 = HR bits 8-7) | HR low 7 bits | SpO2 | STATUS2.
/// </summary>
/// <param name="path">The test's end of the pty.</param>
/// <param name="time">The clock the device's cadence runs on (the service's scaled clock in most tests).</param>
/// <param name="gap">Time between frames on that clock; a real DF8 device sends one per second.</param>
public sealed class Df8Device(string path, TimeProvider time, TimeSpan gap) : IAsyncDisposable
{
    private readonly FileStream _stream = new(path, FileMode.Open, FileAccess.ReadWrite);

    /// <summary>Frames written so far.</summary>
    public int Frames { get; private set; }

    /// <summary>Writes one frame, then waits the device's gap on its clock.</summary>
    public async Task WriteAsync(int spo2, int heartRate, bool probeOff = false, CancellationToken cancellationToken = default)
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
        await Task.Delay(gap, time, cancellationToken);
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}

using KapMonitor.Testing.Peers;

namespace KapMonitor.Benchmarks.Pipeline;

/// <summary>
/// The benches' simulated device: <see cref="Device"/> is the end the bench writes frames to (one write(2) per
/// write), <see cref="TtyPath"/> the tty the reader opens. A <see cref="DirectPty"/> by default; with socat, the tests'
/// <see cref="PtyPair"/>, which puts socat's relay process between the two.
/// </summary>
internal sealed class DevicePty : IAsyncDisposable
{
    private readonly DirectPty? _direct;
    private readonly PtyPair? _pair;

    private DevicePty(DirectPty direct)
    {
        _direct = direct;
        Device = direct.Master;
        TtyPath = direct.SlavePath;
    }

    private DevicePty(PtyPair pair)
    {
        _pair = pair;
        Device = new FileStream(pair.PathA, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        TtyPath = pair.PathB;
    }

    public FileStream Device { get; }

    public string TtyPath { get; }

    public string Description => _pair is null ? "pty from posix_openpt" : "socat pty pair";

    public static async Task<DevicePty> OpenAsync(bool socat)
    {
        if (!socat)
        {
            return new DevicePty(DirectPty.Open());
        }

        var pair = await PtyPair.StartAsync();
        try
        {
            return new DevicePty(pair);
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_direct is not null)
        {
            _direct.Dispose(); // owns the master, which is the device end
            return;
        }

        await Device.DisposeAsync();
        await _pair!.DisposeAsync();
    }
}

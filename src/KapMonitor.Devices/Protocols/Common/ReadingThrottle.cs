using System.Text.Json;
using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Common;

/// <summary>
/// Thins a high-rate stream of readings (Contec sends 60 packets/s): a reading is emitted when any
/// value or the flags change, and otherwise once every <c>emitEveryPackets</c> packets.
/// </summary>
internal sealed class ReadingThrottle
{
    private readonly int _every;
    private readonly double[] _last = new double[3];
    private ObservationFlags _lastFlags;
    private int _sinceEmit = int.MaxValue;

    public ReadingThrottle(int every) => _every = Math.Max(1, every);

    /// <summary>Reads <c>emitEveryPackets</c> (1..10000, the only option) from profile options, else <paramref name="fallback"/>.</summary>
    public static int ReadEvery(JsonElement? options, string protocolId, int fallback)
    {
        ProtocolOptionsReader.RejectUnknown(options, protocolId, "emitEveryPackets");
        return ProtocolOptionsReader.Int(options, protocolId, "emitEveryPackets", 1, 10_000, fallback);
    }

    public bool ShouldEmit(double a, double b, double c, ObservationFlags flags)
    {
        var changed = flags != _lastFlags || !Same(a, _last[0]) || !Same(b, _last[1]) || !Same(c, _last[2]);
        if (!changed && _sinceEmit < _every - 1)
        {
            _sinceEmit++;
            return false;
        }

        _last[0] = a;
        _last[1] = b;
        _last[2] = c;
        _lastFlags = flags;
        _sinceEmit = 0;
        return true;
    }

    private static bool Same(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);
}

using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Service.Pipeline;

/// <summary>Where a device link's decoder delivers: forwards to the room's loop and counts protocol errors.</summary>
public sealed class RoomSink(RoomRuntime room, string deviceId, ILogger logger) : IDecodeSink
{
    private long _protocolErrors;
    private long _lastLoggedErrors;

    /// <summary>Device this sink serves.</summary>
    public string DeviceId => deviceId;

    /// <summary>Protocol errors seen (junk, checksum, truncation).</summary>
    public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);

    public void OnObservation(in Observation observation)
    {
        // Waveform samples stay out of the clinical pipeline; the numerics carry the decisions.
        if (observation.Metric != Metric.Pleth)
        {
            room.Post(new RoomInput.ObservationInput(observation));
        }
    }

    public void OnStatus(in DeviceStatusEvent status) => room.Post(new RoomInput.StatusInput(status));

    public void OnProtocolError(in ProtocolError error)
    {
        var n = Interlocked.Increment(ref _protocolErrors);
        // Line noise is expected; report it, but at most once per hundred errors.
        if (n - _lastLoggedErrors >= 100 || n == 1)
        {
            _lastLoggedErrors = n;
            logger.LogWarning("Device {Device}: protocol error {Kind} ({Detail}); {Count} so far", deviceId, error.Kind, error.Detail, n);
        }
    }
}

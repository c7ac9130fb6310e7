using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Common;

/// <summary>
/// Turns per-frame technical flags into <see cref="DeviceStatusEvent"/> edges: a condition is reported
/// once when it begins and once when it ends, never on every frame. One instance per device link.
/// </summary>
public sealed class StatusEdgeTracker
{
    // Flags that have a matching technical condition. Order is the order events are reported in.
    private static readonly (ObservationFlags Flag, DeviceCondition Condition)[] s_map =
    [
        (ObservationFlags.SensorDisconnected, DeviceCondition.SensorDisconnected),
        (ObservationFlags.ProbeOff, DeviceCondition.ProbeOff),
        (ObservationFlags.SensorFault, DeviceCondition.SensorFault),
        (ObservationFlags.Searching, DeviceCondition.Searching),
        (ObservationFlags.Artifact, DeviceCondition.Artifact),
        (ObservationFlags.LowPerfusion, DeviceCondition.LowPerfusion),
        (ObservationFlags.OutOfTrack, DeviceCondition.OutOfTrack),
        (ObservationFlags.LowBattery, DeviceCondition.LowBattery),
    ];

    private readonly string _deviceId;
    private ObservationFlags _active;

    /// <summary>Creates a tracker stamping events with <paramref name="deviceId"/>.</summary>
    public StatusEdgeTracker(string deviceId) => _deviceId = deviceId;

    /// <summary>The tracked conditions currently active.</summary>
    public ObservationFlags Active => _active;

    /// <summary>Reports every tracked condition whose state differs from the last call.</summary>
    public void Update(ObservationFlags current, DateTimeOffset at, IDecodeSink sink)
    {
        var changed = current ^ _active;
        if (changed == ObservationFlags.None)
        {
            return;
        }

        foreach (var (flag, condition) in s_map)
        {
            if ((changed & flag) != 0)
            {
                sink.OnStatus(new DeviceStatusEvent(_deviceId, condition, (current & flag) != 0, at));
            }
        }

        _active = current;
    }
}

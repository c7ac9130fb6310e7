using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// Remembers which <see cref="DeviceCondition"/>s are active for one link and reports only edges
/// (began/ended), as <see cref="DeviceStatusEvent"/> requires.
/// </summary>
internal sealed class ConditionTracker
{
    private uint _active;

    /// <summary>Bit for a condition in the masks passed to <see cref="Update"/>.</summary>
    public static uint Bit(DeviceCondition condition) => 1u << (int)condition;

    /// <summary>True when <paramref name="condition"/> is currently active.</summary>
    public bool IsActive(DeviceCondition condition) => (_active & Bit(condition)) != 0;

    /// <summary>Reports every condition whose state differs from the last update, in enum order.</summary>
    public void Update(uint active, string deviceId, DateTimeOffset at, int code, IDecodeSink sink)
    {
        uint changed = _active ^ active;
        _active = active;
        while (changed != 0)
        {
            int index = System.Numerics.BitOperations.TrailingZeroCount(changed);
            changed &= changed - 1;
            var condition = (DeviceCondition)index;
            bool isActive = (active & (1u << index)) != 0;
            sink.OnStatus(new DeviceStatusEvent(deviceId, condition, isActive, at, isActive ? code : 0, Detail(condition, isActive)));
        }
    }

    private static string? Detail(DeviceCondition condition, bool active) => (condition, active) switch
    {
        (DeviceCondition.ProbeOff, true) => "sensor off the patient",
        (DeviceCondition.ProbeOff, false) => "sensor back on the patient",
        (DeviceCondition.SensorDisconnected, true) => "sensor disconnected",
        (DeviceCondition.SensorDisconnected, false) => "sensor reconnected",
        (DeviceCondition.SensorFault, true) => "sensor or equipment malfunction",
        (DeviceCondition.SensorFault, false) => "malfunction cleared",
        (DeviceCondition.LowPerfusion, true) => "low perfusion",
        (DeviceCondition.LowPerfusion, false) => "perfusion adequate",
        (DeviceCondition.Artifact, true) => "erratic signal",
        (DeviceCondition.Artifact, false) => "signal steady",
        (DeviceCondition.Searching, true) => "signal analysis ongoing",
        (DeviceCondition.Searching, false) => "signal analysis done",
        _ => null,
    };
}

using System.Globalization;
using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Engine;

// Technical alarms: probe off, device disconnected, no data, NIBP failed twice, cuff inflation tracking.
// Starting-point profiles (docs/clinical-engine.md, "Technical alarms"): "probe off / no data for 30 s and two NIBP failures
// in a row are medium technical alarms"; SpO2 is suppressed while a cuff on the same (or an unknown) arm inflates.
public sealed partial class SessionEngine
{
    private static readonly TimeSpan s_failureDedupWindow = TimeSpan.FromSeconds(5);

    // The cuffs whose NIBP cycle is running, with its start: a room may have more than one cuff.
    private readonly Dictionary<string, DateTimeOffset> _inflatingCuffs = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, Arm>? _deviceArms;
    private DateTimeOffset _spo2SuppressedAt = DateTimeOffset.MinValue;
    private int _nibpFailures;
    private DateTimeOffset _lastNibpFailureAt = DateTimeOffset.MinValue;
    private ActiveAlarm? _nibpFailedAlarm;

    private void OnStatus(DeviceStatusEvent status)
    {
        var device = DeviceFor(status.DeviceId);
        switch (status.Condition)
        {
            case DeviceCondition.ProbeOff:
            case DeviceCondition.SensorDisconnected:
                if (status.Active && !device.ProbeOff)
                {
                    device.ProbeOff = true;
                    device.ProbeOffSince = _now;
                }
                else if (!status.Active && device.ProbeOff)
                {
                    EndProbeOff(device);
                }

                break;
            case DeviceCondition.Disconnected:
                if (status.Active)
                {
                    RaiseDisconnected(device, status.Detail);
                }
                else
                {
                    EndDisconnected(device);
                }

                break;
            case DeviceCondition.Connected:
                if (status.Active)
                {
                    EndDisconnected(device);
                }

                break;
            case DeviceCondition.NibpCycleStarted when status.Active:
                _inflatingCuffs[status.DeviceId] = _now;
                break;
            case DeviceCondition.NibpCycleStarted:
            case DeviceCondition.NibpCycleCompleted:
                _inflatingCuffs.Remove(status.DeviceId);
                break;
            case DeviceCondition.NibpFailed:
                _inflatingCuffs.Remove(status.DeviceId);
                if (status.Active)
                {
                    OnNibpFailure();
                }

                break;
            default:
                break;
        }

        _dischargeDirty = true;
    }

    /// <summary>
    /// Whether a running cuff cycle may disturb <paramref name="oximeterId"/>'s SpO2: yes when a cuff inflates and
    /// the room's configuration does not put it on the other arm from the oximeter.
    /// </summary>
    private bool InflatingCuffMayShareArmWith(string oximeterId)
    {
        if (_inflatingCuffs.Count == 0)
        {
            return false;
        }

        if (_deviceArms is null || !_deviceArms.TryGetValue(oximeterId, out var oximeterArm))
        {
            return true;
        }

        foreach (var cuffId in _inflatingCuffs.Keys)
        {
            if (!_deviceArms.TryGetValue(cuffId, out var cuffArm) || cuffArm == oximeterArm)
            {
                return true;
            }
        }

        return false;
    }

    private void RaiseDisconnected(DeviceState device, string? detail)
    {
        if (device.DisconnectedAlarm is not null)
        {
            return;
        }

        var message = detail is null ? $"Device {device.Id} disconnected" : $"Device {device.Id} disconnected: {detail}";
        device.DisconnectedAlarm = RaiseAlarm("disconnected:" + device.Id, AlarmKind.Technical, _profile.Technical.DisconnectedPriority, latching: false, message);
    }

    private void EndDisconnected(DeviceState device)
    {
        if (device.DisconnectedAlarm is { } alarm)
        {
            device.DisconnectedAlarm = null;
            EndCondition(alarm, "device connected");
        }
    }

    private void EndProbeOff(DeviceState device)
    {
        device.ProbeOff = false;
        if (device.ProbeOffAlarm is { } alarm)
        {
            device.ProbeOffAlarm = null;
            EndCondition(alarm, "probe back on");
        }
    }

    private void OnNibpFailure()
    {
        // A device may report one failed cycle both as a status event and as an invalid reading: count it once.
        if (_now - _lastNibpFailureAt < s_failureDedupWindow)
        {
            return;
        }

        _lastNibpFailureAt = _now;
        _nibpFailures++;
        if (_nibpFailures >= _profile.Technical.NibpFailuresInRow && _nibpFailedAlarm is null)
        {
            var message = string.Create(CultureInfo.InvariantCulture, $"NIBP failed {_nibpFailures} times in a row");
            _nibpFailedAlarm = RaiseAlarm("nibp-failed", AlarmKind.Technical, _profile.Technical.NibpFailedPriority, latching: false, message, Metric.Systolic);
        }
    }

    private void RunTechnicalTimers()
    {
        var technical = _profile.Technical;
        foreach (var (cuffId, since) in _inflatingCuffs)
        {
            if ((_now - since).TotalSeconds >= technical.CuffCycleMaxSeconds)
            {
                // No end event: stop suppressing SpO2 rather than suppress it forever.
                _inflatingCuffs.Remove(cuffId);
            }
        }

        if (_devices.Count > 0)
        {
            foreach (var device in _devices.Values)
            {
                if (device.ProbeOff && device.ProbeOffAlarm is null && (_now - device.ProbeOffSince).TotalSeconds >= technical.ProbeOffSeconds)
                {
                    RaiseProbeOff(device);
                }
            }
        }

        for (var m = 1; m < MetricSlots; m++)
        {
            var seconds = _staleSeconds[m];
            if (double.IsNaN(seconds) || _staleAlarms[m] is not null)
            {
                continue;
            }

            var last = _lastValidAt[m] == DateTimeOffset.MinValue ? _startedAt!.Value : _lastValidAt[m];
            if (m == (int)Metric.Spo2 && _spo2SuppressedAt > last)
            {
                last = _spo2SuppressedAt;
            }

            if ((_now - last).TotalSeconds < seconds || ProbeOffAlarmCovers(m))
            {
                continue;
            }

            if (ProbeOffDevice(m) is { } probeOff)
            {
                // The device says why the data is missing: announce that cause, at the no-data deadline, instead of
                // "no data" (with equal delays, which one came first depended on where a second boundary fell).
                RaiseProbeOff(probeOff);
                continue;
            }

            var name = MetricCatalog.Get((Metric)m).Name;
            _staleAlarms[m] = RaiseAlarm("no-data:" + name, AlarmKind.Technical, technical.StalePriority, latching: false, string.Create(CultureInfo.InvariantCulture, $"No valid {name} for {seconds} s"), (Metric)m);
        }
    }

    /// <summary>A raised probe-off alarm on the device that last sent the metric already explains missing data.</summary>
    private bool ProbeOffAlarmCovers(int metric) => ProbeOffDevice(metric)?.ProbeOffAlarm is not null;

    /// <summary>The device that last sent <paramref name="metric"/>, when it is reporting probe off; otherwise null.</summary>
    private DeviceState? ProbeOffDevice(int metric) =>
        _lastDeviceByMetric[metric] is { } id && _devices.TryGetValue(id, out var device) && device.ProbeOff ? device : null;

    private void RaiseProbeOff(DeviceState device) =>
        device.ProbeOffAlarm = RaiseAlarm("probe-off:" + device.Id, AlarmKind.Technical, _profile.Technical.ProbeOffPriority, latching: false, $"Probe off or sensor disconnected on {device.Id}");
}

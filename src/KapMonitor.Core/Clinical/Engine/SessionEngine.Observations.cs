using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Discharge;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Engine;

// The observation hot path: no LINQ, no closures, no boxing; state lives in preallocated arrays and
// allocation happens only when a decision is produced.
public sealed partial class SessionEngine
{
    private const ObservationFlags ProbeOffFlags = ObservationFlags.ProbeOff | ObservationFlags.SensorDisconnected;

    // Values replayed from device memory or marked as demo data are history, not the patient now.
    private const ObservationFlags NotLiveFlags = ObservationFlags.FromMemory | ObservationFlags.DemoData;
    private static readonly TimeSpan s_bpPairWindow = TimeSpan.FromSeconds(5);

    private double _pendingSystolic = double.NaN;
    private DateTimeOffset _pendingSystolicAt;
    private string? _pendingSystolicDevice;
    private double _pendingDiastolic = double.NaN;
    private DateTimeOffset _pendingDiastolicAt;
    private string? _pendingDiastolicDevice;

    private void OnObservation(in Observation observation)
    {
        var m = (int)observation.Metric;
        if (m <= 0 || m >= MetricSlots)
        {
            return;
        }

        var flags = observation.Flags;
        if ((flags & NotLiveFlags) != 0)
        {
            return;
        }

        var device = DeviceFor(observation.DeviceId);
        var valid = observation.Validity == Validity.Valid && double.IsFinite(observation.Value);
        if ((flags & ProbeOffFlags) != 0)
        {
            if (!device.ProbeOff)
            {
                device.ProbeOff = true;
                device.ProbeOffSince = _now;
            }
        }
        else if (valid && device.ProbeOff)
        {
            EndProbeOff(device);
        }

        if (valid && observation.Metric == Metric.Spo2 && _profile.Technical.SuppressSpo2DuringCuffInflation
            && (InflatingCuffMayShareArmWith(observation.DeviceId) || (flags & ObservationFlags.CuffInflating) != 0))
        {
            // Same-arm cuff inflation drops SpO2: the value is questionable and drives nothing (docs/clinical-engine.md, Alarms).
            // An oximeter on the other arm reads true, so its values keep driving alarms; one that flags the
            // inflation itself is suppressed whatever the configuration says.
            // It still shows the oximeter is reading, so it is not "no data" (a 30-45 s cycle must not raise that).
            _spo2SuppressedAt = _now;
            return;
        }

        if (!valid)
        {
            if (observation.Validity == Validity.Invalid)
            {
                // No number: a pending delay cannot be trusted across the gap, so it starts again.
                ResetRuleDelays(m);
                if (observation.Metric == Metric.Systolic && (flags & ObservationFlags.NibpError) != 0)
                {
                    OnNibpFailure();
                }
            }

            return;
        }

        var value = observation.Value;
        _lastValidAt[m] = _now;
        _lastValid[m] = value;
        _lastDeviceByMetric[m] = device.Id;
        if (_staleAlarms[m] is { } stale)
        {
            _staleAlarms[m] = null;
            EndCondition(stale, "data resumed");
        }

        var rules = _rulesByMetric[m];
        for (var i = 0; i < rules.Length; i++)
        {
            EvaluateRule(rules[i], value);
        }

        switch (observation.Metric)
        {
            case Metric.Spo2:
                OnSpo2(value);
                break;
            case Metric.HeartRate:
            case Metric.PulseRate:
                _lastHeartRate = value;
                _lastHeartRateAt = _now;
                break;
            case Metric.Systolic:
                _pendingSystolic = value;
                _pendingSystolicAt = _now;
                _pendingSystolicDevice = device.Id;
                TryCompleteBp();
                break;
            case Metric.Diastolic:
                _pendingDiastolic = value;
                _pendingDiastolicAt = _now;
                _pendingDiastolicDevice = device.Id;
                TryCompleteBp();
                break;
            default:
                break;
        }
    }

    private DeviceState DeviceFor(string deviceId)
    {
        if (_lastDevice is not null && (ReferenceEquals(_lastDevice.Id, deviceId) || _lastDevice.Id == deviceId))
        {
            return _lastDevice;
        }

        if (!_devices.TryGetValue(deviceId, out var device))
        {
            device = new DeviceState(deviceId);
            _devices.Add(deviceId, device);
        }

        _lastDevice = device;
        return device;
    }

    private void EvaluateRule(int index, double value)
    {
        ref var state = ref _ruleStates[index];
        var rule = _rules[index];
        var limit = state.Limit;
        if (double.IsNaN(limit))
        {
            return;
        }

        var above = rule.Comparison == AlarmComparison.AtOrAbove;
        var violating = above ? value >= limit : value <= limit;
        var alarm = state.Alarm;
        if (alarm is not null && alarm.Removed)
        {
            // Removed (acknowledged after its condition ended): the rule is free to raise again.
            state.Alarm = alarm = null;
        }

        if (alarm is not null)
        {
            if (!alarm.ConditionActive)
            {
                if (violating)
                {
                    ResumeCondition(alarm);
                }
            }
            else
            {
                var back = above ? value < limit - rule.ClearHysteresis : value > limit + rule.ClearHysteresis;
                if (!back)
                {
                    state.Clearing = false;
                }
                else if (rule.ClearSeconds <= 0)
                {
                    EndRuleAlarm(ref state, alarm);
                }
                else if (!state.Clearing)
                {
                    state.Clearing = true;
                    state.ClearingSince = _now;
                }
                else if ((_now - state.ClearingSince).TotalSeconds >= rule.ClearSeconds)
                {
                    EndRuleAlarm(ref state, alarm);
                }
            }

            state.HasLastSample = true;
            state.LastSampleAt = _now;
            return;
        }

        if (!violating)
        {
            state.Violating = false;
            state.SatIntegral = 0;
            state.Pending = false;
            state.HasLastSample = true;
            state.LastSampleAt = _now;
            return;
        }

        var raise = false;
        switch (rule.Delay)
        {
            case AlarmDelayKind.None:
                raise = true;
                break;
            case AlarmDelayKind.Persistence:
                if (!state.Violating)
                {
                    state.ViolatingSince = _now;
                }

                raise = (_now - state.ViolatingSince).TotalSeconds >= rule.DelaySeconds;
                break;
            case AlarmDelayKind.RepeatReading:
                if (state.Pending && (_now - state.PendingSince).TotalSeconds <= rule.RepeatWindowSeconds)
                {
                    raise = true;
                }
                else
                {
                    state.Pending = true;
                    state.PendingSince = _now;
                    RequestRepeat(rule.Id);
                }

                break;
            case AlarmDelayKind.SatSeconds:
                if (state.Violating && state.HasLastSample)
                {
                    state.SatIntegral += Math.Abs(limit - value) * (_now - state.LastSampleAt).TotalSeconds;
                }

                raise = state.SatIntegral >= rule.SatSecondsLimit;
                break;
            default:
                break;
        }

        state.Violating = true;
        state.HasLastSample = true;
        state.LastSampleAt = _now;
        if (raise)
        {
            state.Pending = false;
            state.SatIntegral = 0;
            state.Clearing = false;
            state.Alarm = RaiseAlarm(rule.Id, AlarmKind.Physiological, rule.Priority, rule.IsLatching, rule.Message, rule.Metric, value, limit, rule.ActionHint);
        }
    }

    private void EndRuleAlarm(ref RuleState state, ActiveAlarm alarm)
    {
        state.Clearing = false;
        state.Violating = false;
        EndCondition(alarm, "back in range");
        if (alarm.Removed)
        {
            state.Alarm = null;
        }
    }

    private void ResetRuleDelays(int metric)
    {
        var rules = _rulesByMetric[metric];
        for (var i = 0; i < rules.Length; i++)
        {
            ref var state = ref _ruleStates[rules[i]];
            state.Violating = false;
            state.SatIntegral = 0;
            state.HasLastSample = false;
            state.Clearing = false;
        }
    }

    private void TryCompleteBp()
    {
        if (double.IsNaN(_pendingSystolic) || double.IsNaN(_pendingDiastolic)
            || !string.Equals(_pendingSystolicDevice, _pendingDiastolicDevice, StringComparison.Ordinal)
            || (_pendingSystolicAt - _pendingDiastolicAt).Duration() > s_bpPairWindow)
        {
            return;
        }

        var reading = new BpReading(_pendingSystolicAt, _pendingSystolicDevice!, _pendingSystolic, _pendingDiastolic);
        _pendingSystolic = double.NaN;
        _pendingDiastolic = double.NaN;
        OnBpReading(reading);
    }

    private void OnBpReading(BpReading reading)
    {
        _bpReadings.Add(reading);
        _inflatingCuffs.Remove(reading.DeviceId);
        _repeatRequested = false;
        _nibpFailures = 0;
        if (_nibpFailedAlarm is { } failed)
        {
            _nibpFailedAlarm = null;
            EndCondition(failed, "valid reading");
        }

        if (_phase == Sessions.SessionPhase.PreDose)
        {
            EvaluateGate();
        }
        else
        {
            OnScheduledReading(reading);
            _dischargeDirty = true;
            EvaluateDischarge();
        }
    }

    private void RequestRepeat(string ruleId)
    {
        if (_repeatRequested)
        {
            return;
        }

        _repeatRequested = true;
        Emit(new MeasurementDue(MeasurementKind.Repeat, ruleId, _now, Hint));
    }

    private MeasurementHint Hint => _session is { CuffAcceptsCommands: true } ? MeasurementHint.CommandCuff : MeasurementHint.PromptTherapist;
}

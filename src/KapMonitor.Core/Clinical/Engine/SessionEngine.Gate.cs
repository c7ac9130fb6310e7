using System.Globalization;
using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Discharge;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Engine;

// Pre-dose gate. Spravato phase 3 trials withheld dosing if pre-dose SBP > 140 (> 150 if over
// 65) or DBP > 90; the profile holds dosing until the prescriber overrides with a reason.
public sealed partial class SessionEngine
{
    private GateState _lastGateState = (GateState)255;
    private int _lastGateReadingCount = -1;
    private GateState _gateAtDose;
    private string? _overrideBy;
    private string? _overrideReason;
    private BpReading? _baselineReading;
    private double _baselineSpo2 = double.NaN;
    private double _lastHeartRate = double.NaN;
    private DateTimeOffset _lastHeartRateAt = DateTimeOffset.MinValue;

    private double GateSystolicLimit =>
        _session?.PatientAgeYears is { } age && age > _profile.Gate.OlderAdultAgeAbove
            ? _profile.Gate.MaxSystolicOlderAdult
            : _profile.Gate.MaxSystolic;

    private GateState ComputeGateState() => ComputeGateState(out _);

    private GateState ComputeGateState(out GateReasons reasons)
    {
        reasons = GateReasons.None;
        if (_phase != SessionPhase.PreDose)
        {
            return GateState.Closed;
        }

        var gate = _profile.Gate;
        var window = TimeSpan.FromMinutes(gate.BaselineWindowMinutes);
        if (_bpReadings.Count == 0 || _now - _bpReadings[^1].At > window)
        {
            reasons |= GateReasons.NoBaseline;
        }

        var spo2At = _lastValidAt[(int)Metric.Spo2];
        if (gate.RequireSpo2 && (spo2At == DateTimeOffset.MinValue || _now - spo2At > window))
        {
            reasons |= GateReasons.NoSpo2;
        }

        if (reasons != GateReasons.None)
        {
            return GateState.AwaitingBaseline;
        }

        if (_bpReadings.Count > 0)
        {
            var reading = _bpReadings[^1];
            if (reading.Systolic > GateSystolicLimit)
            {
                reasons |= GateReasons.SystolicHigh;
            }

            if (reading.Diastolic > gate.MaxDiastolic)
            {
                reasons |= GateReasons.DiastolicHigh;
            }
        }

        if (gate.RequireSpo2 && _lastValid[(int)Metric.Spo2] < gate.MinSpo2)
        {
            reasons |= GateReasons.Spo2Low;
        }

        if (reasons == GateReasons.None)
        {
            return GateState.Clear;
        }

        return _overrideBy is null ? GateState.Held : GateState.Overridden;
    }

    private void EvaluateGate()
    {
        var state = ComputeGateState();
        if (state == GateState.AwaitingBaseline && _overrideBy is not null)
        {
            // An override applies to the baseline it was given on; an expired baseline needs a new decision.
            _overrideBy = null;
            _overrideReason = null;
        }

        if (state == _lastGateState && _bpReadings.Count == _lastGateReadingCount)
        {
            return;
        }

        var wasKnown = _lastGateState != (GateState)255;
        var expired = wasKnown && state == GateState.AwaitingBaseline && _lastGateState != GateState.AwaitingBaseline;
        EmitGate(BuildGateStatus(state));
        if (expired)
        {
            Emit(new MeasurementDue(MeasurementKind.Baseline, "baseline", _now, Hint));
        }
    }

    private void EmitGate(GateStatus status)
    {
        _lastGateState = status.State;
        _lastGateReadingCount = _bpReadings.Count;
        Emit(new GateChanged(status));
    }

    private GateStatus BuildGateStatus(GateState state)
    {
        GateReasons reasons = GateReasons.None;
        if (state != GateState.Closed)
        {
            ComputeGateState(out reasons);
        }

        var gate = _profile.Gate;
        BpReading? baseline = state == GateState.Closed ? _baselineReading : (_bpReadings.Count > 0 ? _bpReadings[^1] : null);
        double? spo2 = state == GateState.Closed
            ? (double.IsNaN(_baselineSpo2) ? null : _baselineSpo2)
            : (_lastValidAt[(int)Metric.Spo2] == DateTimeOffset.MinValue ? null : _lastValid[(int)Metric.Spo2]);
        var text = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        var minutes = gate.BaselineWindowMinutes.ToString(inv);
        if ((reasons & GateReasons.NoBaseline) != 0)
        {
            text.Add($"no BP reading in the last {minutes} min");
        }

        if ((reasons & GateReasons.NoSpo2) != 0)
        {
            text.Add($"no valid SpO2 in the last {minutes} min");
        }

        if ((reasons & GateReasons.SystolicHigh) != 0 && baseline is { } s)
        {
            text.Add(string.Create(inv, $"systolic {s.Systolic} > {GateSystolicLimit}"));
        }

        if ((reasons & GateReasons.DiastolicHigh) != 0 && baseline is { } d)
        {
            text.Add(string.Create(inv, $"diastolic {d.Diastolic} > {gate.MaxDiastolic}"));
        }

        if ((reasons & GateReasons.Spo2Low) != 0)
        {
            text.Add(string.Create(inv, $"SpO2 {spo2} < {gate.MinSpo2}"));
        }

        return new GateStatus(state, baseline, spo2, GateSystolicLimit, gate.MaxDiastolic, text, _overrideBy, _overrideReason);
    }

    /// <summary>At the first dose the latest pre-dose values become the baseline for relative limits and discharge.</summary>
    private void FreezeBaseline()
    {
        if (_bpReadings.Count > 0)
        {
            var reading = _bpReadings[^1];
            _baselineReading = reading;
            _baseline[(int)Metric.Systolic] = reading.Systolic;
            _baseline[(int)Metric.Diastolic] = reading.Diastolic;
        }

        if (!double.IsNaN(_lastHeartRate))
        {
            _baseline[(int)Metric.HeartRate] = _lastHeartRate;
            _baseline[(int)Metric.PulseRate] = _lastHeartRate;
        }

        if (_lastValidAt[(int)Metric.Spo2] != DateTimeOffset.MinValue)
        {
            _baselineSpo2 = _lastValid[(int)Metric.Spo2];
            _baseline[(int)Metric.Spo2] = _baselineSpo2;
        }

        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            var baseline = _baseline[(int)rule.Metric];
            _ruleStates[i].Limit = rule.LimitKind switch
            {
                AlarmLimitKind.Absolute => rule.Limit,
                AlarmLimitKind.BaselinePlus => baseline + rule.Limit,
                AlarmLimitKind.BaselinePercent => baseline * (1 + (rule.Limit / 100)),
                _ => double.NaN,
            };
        }
    }
}

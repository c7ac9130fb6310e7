using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Discharge;
using KapMonitor.Core.Clinical.Rems;
using KapMonitor.Core.Clinical.Sessions;

namespace KapMonitor.Core.Clinical.Engine;

// Read-only views: the state snapshot and the REMS export. They allocate; they are not on the hot path.
public sealed partial class SessionEngine
{
    /// <summary>BP readings seen so far (pre- and post-dose), in arrival order.</summary>
    public IReadOnlyList<BpReading> BpReadings => _bpReadings;

    /// <summary>The current state with its evidence.</summary>
    public SessionSnapshot Snapshot()
    {
        var alarms = new AlarmInfo[_alarms.Count];
        for (var i = 0; i < alarms.Length; i++)
        {
            alarms[i] = _alarms[i].ToInfo();
        }

        var gateState = _phase == SessionPhase.NotStarted ? GateState.AwaitingBaseline : ComputeGateState();
        return new SessionSnapshot(
            _session,
            _profile.Ref,
            _phase,
            _now,
            Timeline,
            BuildGateStatus(gateState),
            alarms,
            _audioPaused ? _audioPausedUntil : null,
            NextMeasurementDue,
            _dischargeClearedAt is not null ? _lastReadinessAtSignOff : _firstDoseAt is null ? null : BuildReadiness(),
            _dischargeClearedAt is not null,
            _dischargeOverride);
    }

    /// <summary>Timepoints so far.</summary>
    public SessionTimeline Timeline => new(_startedAt, _baselineReading?.At, _firstDoseAt, _infusionEndAt, _dischargeClearedAt, _endedAt);

    /// <summary>The REMS patient-monitoring record as far as the session has got.</summary>
    public RemsMonitoringRecord BuildRemsRecord()
    {
        BpReading? at40 = null;
        BpReading? last = null;
        var end = _endedAt ?? _dischargeClearedAt;
        if (_firstDoseAt is { } dose)
        {
            var best = double.MaxValue;
            foreach (var reading in _bpReadings)
            {
                if (reading.At < dose || (end is { } e && reading.At > e))
                {
                    continue;
                }

                var minutes = (reading.At - dose).TotalMinutes;
                if (minutes is >= 30 and <= 60 && Math.Abs(minutes - 40) < best)
                {
                    best = Math.Abs(minutes - 40);
                    at40 = reading;
                }

                last = reading;
            }
        }

        return new RemsMonitoringRecord(
            _session?.SessionId ?? "",
            _session?.PatientRef ?? "",
            _baselineReading,
            at40,
            last,
            _firstDoseAt is null ? null : _gateAtDose == GateState.Clear,
            _dischargeClearedAt is null ? null : !_dischargeOverride,
            _firstDoseAt is { } first && end is { } stop ? (stop - first).TotalMinutes : null);
    }
}

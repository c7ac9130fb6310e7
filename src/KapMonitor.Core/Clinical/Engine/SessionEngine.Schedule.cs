using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Discharge;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Engine;

// Measurement schedule after the dose: fixed mandatory readings (REMS 40 ± 5 min) and periodic phases.
// The next due instant is the earliest among unsatisfied fixed readings and active phases; a due reading
// not taken raises the "bp-overdue" technical alarm (fixed: at the end of its window; periodic: after
// OverdueAfterMinutes). Any valid BP reading satisfies what is due. A phase with an end always has a
// reading due at that end.
public sealed partial class SessionEngine
{
    private bool[] _fixedDone = [];
    private bool _repeatRequested;
    private DateTimeOffset _dueAt = DateTimeOffset.MaxValue;
    private DateTimeOffset _overdueAt = DateTimeOffset.MaxValue;
    private MeasurementKind _dueKind;
    private string _dueLabel = "";
    private bool _dueEmitted;
    private ActiveAlarm? _overdueAlarm;
    private bool _preDischargeRequested;

    /// <summary>Next scheduled BP reading, or null when nothing is scheduled.</summary>
    public DateTimeOffset? NextMeasurementDue => _dueAt == DateTimeOffset.MaxValue ? null : _dueAt;

    private void InitSchedule() => _fixedDone = new bool[_profile.Schedule.Fixed.Count];

    private DateTimeOffset? AnchorTime(ScheduleAnchor anchor) =>
        anchor == ScheduleAnchor.FirstDose ? _firstDoseAt : _infusionEndAt;

    private void OnScheduledReading(BpReading reading)
    {
        var fixedReadings = _profile.Schedule.Fixed;
        for (var i = 0; i < fixedReadings.Count; i++)
        {
            if (!_fixedDone[i] && AnchorTime(fixedReadings[i].Anchor) is { } anchor
                && reading.At >= anchor + TimeSpan.FromMinutes(fixedReadings[i].AtMinutes - fixedReadings[i].ToleranceMinutes))
            {
                _fixedDone[i] = true;
            }
        }

        _preDischargeRequested = false;
        if (_overdueAlarm is { } overdue)
        {
            _overdueAlarm = null;
            EndCondition(overdue, "reading taken");
        }

        RecomputeSchedule();
    }

    private void RecomputeSchedule()
    {
        var schedule = _profile.Schedule;
        var best = DateTimeOffset.MaxValue;
        var overdue = DateTimeOffset.MaxValue;
        var kind = MeasurementKind.Periodic;
        var label = "";
        if (_dischargeClearedAt is null && _firstDoseAt is not null)
        {
            for (var i = 0; i < schedule.Fixed.Count; i++)
            {
                var item = schedule.Fixed[i];
                if (_fixedDone[i] || AnchorTime(item.Anchor) is not { } anchor)
                {
                    continue;
                }

                var opens = anchor + TimeSpan.FromMinutes(item.AtMinutes - item.ToleranceMinutes);
                if (opens < best)
                {
                    best = opens;
                    overdue = anchor + TimeSpan.FromMinutes(item.AtMinutes + item.ToleranceMinutes);
                    kind = MeasurementKind.Fixed;
                    label = item.Label;
                }
            }

            var last = _bpReadings.Count > 0 ? _bpReadings[^1] : default;
            var lastAt = _bpReadings.Count > 0 ? last.At : _firstDoseAt.Value;
            var aboveLimits = _bpReadings.Count > 0 && (last.Systolic > GateSystolicLimit || last.Diastolic > _profile.Gate.MaxDiastolic);
            foreach (var phase in schedule.Periodic)
            {
                if (AnchorTime(phase.Anchor) is not { } anchor)
                {
                    continue;
                }

                var start = anchor + TimeSpan.FromMinutes(phase.FromMinutes);
                DateTimeOffset? until = phase.UntilAnchor is { } u && AnchorTime(u) is { } end ? end + TimeSpan.FromMinutes(phase.UntilMinutes) : null;
                if (until is { } stop && lastAt >= stop)
                {
                    continue;
                }

                var every = aboveLimits && phase.WhileAboveLimitsEveryMinutes is { } shorter ? Math.Min(shorter, phase.EveryMinutes) : phase.EveryMinutes;
                var candidate = (lastAt > start ? lastAt : start) + TimeSpan.FromMinutes(every);
                if (until is { } limit && candidate > limit)
                {
                    // The phase's last reading falls on its end ("every 15 min for 60 min" includes minute 60).
                    candidate = limit;
                }

                if (candidate >= best)
                {
                    continue;
                }

                best = candidate;
                overdue = candidate + TimeSpan.FromMinutes(schedule.OverdueAfterMinutes);
                kind = MeasurementKind.Periodic;
                label = "periodic";
            }
        }

        if (best != _dueAt || label != _dueLabel)
        {
            _dueEmitted = false;
        }

        _dueAt = best;
        _overdueAt = overdue;
        _dueKind = kind;
        _dueLabel = label;
    }

    private void RunScheduleTimers()
    {
        if (_dueAt == DateTimeOffset.MaxValue)
        {
            return;
        }

        if (!_dueEmitted && _now >= _dueAt)
        {
            _dueEmitted = true;
            Emit(new MeasurementDue(_dueKind, _dueLabel, _dueAt, Hint));
        }

        if (_overdueAlarm is null && _now >= _overdueAt)
        {
            _overdueAlarm = RaiseAlarm("bp-overdue", AlarmKind.Technical, _profile.Technical.OverduePriority, latching: false,
                $"Scheduled BP ({_dueLabel}) overdue", Metric.Systolic);
        }
    }

    private void RequestPreDischargeReading()
    {
        if (_preDischargeRequested)
        {
            return;
        }

        _preDischargeRequested = true;
        Emit(new MeasurementDue(MeasurementKind.PreDischarge, "pre-discharge", _now, Hint));
    }
}

using System.Globalization;
using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Engine;

// Alarm life cycle (IEC 60601-1-8 vocabulary): raise, condition end, latching, acknowledge, audio pause
// with re-sounding and break-through, escalation of unacknowledged alarms.
public sealed partial class SessionEngine
{
    private DateTimeOffset _audioPausedUntil = DateTimeOffset.MinValue;
    private AlarmPriority _audioPauseCeiling;
    private bool _audioPaused;

    private ActiveAlarm RaiseAlarm(
        string source,
        AlarmKind kind,
        AlarmPriority priority,
        bool latching,
        string message,
        Metric metric = Metric.None,
        double? value = null,
        double? limit = null,
        string? actionHint = null)
    {
        var occurrence = _occurrences.GetValueOrDefault(source) + 1;
        _occurrences[source] = occurrence;
        var alarm = new ActiveAlarm
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{source}#{occurrence}"),
            Source = source,
            Kind = kind,
            Priority = priority,
            Latching = latching,
            Message = message,
            RaisedAt = _now,
            Metric = metric,
            Value = value,
            Limit = limit,
            ActionHint = actionHint,
        };
        _alarms.Add(alarm);

        var audible = true;
        if (_audioPaused)
        {
            if (priority > _audioPauseCeiling)
            {
                // A new higher-priority condition breaks through an audio pause.
                _audioPaused = false;
                Emit(new AlarmAudioResounded("break-through", alarm.Id));
            }
            else
            {
                audible = false;
            }
        }

        Emit(new AlarmRaised(alarm.ToInfo(), audible));
        _dischargeDirty = true;
        return alarm;
    }

    /// <summary>The condition ended: a latching unacknowledged alarm stays (latched); anything else is removed.</summary>
    private void EndCondition(ActiveAlarm alarm, string reason)
    {
        if (!alarm.ConditionActive)
        {
            return;
        }

        if (alarm.Latching && !alarm.Acknowledged)
        {
            alarm.ConditionActive = false;
            Emit(new AlarmConditionChanged(alarm.Id, false, AlarmState.Latched));
        }
        else
        {
            Remove(alarm, reason);
        }

        _dischargeDirty = true;
    }

    /// <summary>The condition of a latched alarm came back before acknowledgement.</summary>
    private void ResumeCondition(ActiveAlarm alarm)
    {
        alarm.ConditionActive = true;
        Emit(new AlarmConditionChanged(alarm.Id, true, alarm.State));
        _dischargeDirty = true;
    }

    private void Remove(ActiveAlarm alarm, string reason)
    {
        alarm.Removed = true;
        _alarms.Remove(alarm);
        Emit(new AlarmCleared(alarm.Id, reason));
        _dischargeDirty = true;
    }

    private void Acknowledge(AcknowledgeAlarm command)
    {
        var any = false;
        // Iterate on a copy of the count: acknowledging a latched alarm removes it.
        for (var i = 0; i < _alarms.Count; i++)
        {
            var alarm = _alarms[i];
            if (alarm.Acknowledged || (command.AlarmId is not null && alarm.Id != command.AlarmId))
            {
                continue;
            }

            any = true;
            alarm.Acknowledged = true;
            alarm.AcknowledgedBy = command.UserId;
            alarm.AcknowledgedAt = _now;
            Emit(new AlarmAcknowledged(alarm.Id, command.UserId));
            if (!alarm.ConditionActive)
            {
                Remove(alarm, "acknowledged after condition ended");
                i--;
            }
        }

        if (!any)
        {
            Reject(command, command.AlarmId is null ? "no unacknowledged alarm" : $"no unacknowledged alarm {command.AlarmId}");
        }
    }

    private void PauseAudioFor(PauseAudio command)
    {
        _audioPaused = true;
        _audioPausedUntil = _now + TimeSpan.FromSeconds(_profile.Alarms.AudioPauseSeconds);
        // A pause covers what is sounding and, at least, medium and low conditions that follow (ours: a
        // pre-emptive pause while repositioning a probe must not be broken by the probe-off alarm it expects);
        // anything of higher priority breaks through.
        var highest = HighestUnacknowledgedPriority();
        _audioPauseCeiling = highest > AlarmPriority.Medium ? highest : AlarmPriority.Medium;
        Emit(new AlarmAudioPaused(command.UserId, _audioPausedUntil));
    }

    private AlarmPriority HighestUnacknowledgedPriority()
    {
        var highest = AlarmPriority.None;
        foreach (var alarm in _alarms)
        {
            if (!alarm.Acknowledged && alarm.Priority > highest)
            {
                highest = alarm.Priority;
            }
        }

        return highest;
    }

    private void RunAlarmTimers()
    {
        if (_audioPaused && _now >= _audioPausedUntil)
        {
            _audioPaused = false;
            ActiveAlarm? loudest = null;
            foreach (var alarm in _alarms)
            {
                if (!alarm.Acknowledged && (loudest is null || alarm.Priority > loudest.Priority))
                {
                    loudest = alarm;
                }
            }

            if (loudest is not null)
            {
                Emit(new AlarmAudioResounded("pause-expired", loudest.Id));
            }
        }

        var settings = _profile.Alarms;
        var after = TimeSpan.FromSeconds(settings.EscalateAfterSeconds);
        foreach (var alarm in _alarms)
        {
            if (!alarm.Acknowledged && !alarm.Escalated && alarm.Priority >= settings.EscalateMinPriority && _now - alarm.RaisedAt >= after)
            {
                alarm.Escalated = true;
                Emit(new AlarmEscalated(alarm.Id, alarm.Priority, NotifyPrescriber: true, _session?.PrescriberId ?? ""));
            }
        }
    }

    private bool HasBlockingAlarm(AlarmPriority atOrAbove)
    {
        foreach (var alarm in _alarms)
        {
            if (alarm.Priority >= atOrAbove)
            {
                return true;
            }
        }

        return false;
    }
}

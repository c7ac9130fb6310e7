using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Discharge;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Engine;

/// <summary>
/// The clinical engine for one session: observations, device status events, commands and ticks in,
/// <see cref="EngineDecision"/>s out to an <see cref="IDecisionSink"/>. Pure and deterministic: it never
/// reads a clock; engine time is the latest instant carried by an input (never moving backwards), so
/// replaying the same inputs in the same order gives the same decisions, byte for byte
/// (<see cref="DecisionJson"/>). Timers (alarm delays, escalation, audio pause, staleness, schedule) are
/// evaluated at most once per second of engine time and on every <see cref="Tick"/>, so the host must
/// journal ticks like any other input. Not thread-safe: one thread feeds one engine.
/// </summary>
public sealed partial class SessionEngine
{
    private const int MetricSlots = (int)Metric.Pleth + 1;
    private static readonly TimeSpan s_timerGranularity = TimeSpan.FromSeconds(1);

    private readonly ProtocolProfile _profile;
    private readonly IDecisionSink _sink;
    private readonly AlarmRule[] _rules;
    private readonly RuleState[] _ruleStates;
    private readonly int[][] _rulesByMetric;
    private readonly DateTimeOffset[] _lastValidAt = new DateTimeOffset[MetricSlots];
    private readonly double[] _lastValid = new double[MetricSlots];
    private readonly string?[] _lastDeviceByMetric = new string?[MetricSlots];
    private readonly double[] _baseline = new double[MetricSlots];
    private readonly double[] _staleSeconds = new double[MetricSlots];
    private readonly ActiveAlarm?[] _staleAlarms = new ActiveAlarm?[MetricSlots];
    private readonly List<ActiveAlarm> _alarms = [];
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceState> _devices = new(StringComparer.Ordinal);
    private readonly List<BpReading> _bpReadings = [];
    private readonly string?[] _attestedBy;
    private readonly DateTimeOffset[] _attestedAt;

    private SessionInfo? _session;
    private SessionPhase _phase;
    private long _sequence;
    private DateTimeOffset _now;
    private DateTimeOffset _nextTimerAt;
    private DeviceState? _lastDevice;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _firstDoseAt;
    private DateTimeOffset? _infusionEndAt;
    private DateTimeOffset? _endedAt;

    /// <summary>Creates the engine for one session under <paramref name="profile"/>.</summary>
    public SessionEngine(ProtocolProfile profile, IDecisionSink sink)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(sink);
        _profile = profile;
        _sink = sink;
        _rules = [.. profile.Alarms.Rules];
        _ruleStates = new RuleState[_rules.Length];
        _rulesByMetric = BuildRuleIndex(_rules);
        for (var i = 0; i < _rules.Length; i++)
        {
            _ruleStates[i].Limit = _rules[i].LimitKind == AlarmLimitKind.Absolute ? _rules[i].Limit : double.NaN;
        }

        Array.Fill(_staleSeconds, double.NaN);
        foreach (var (metric, seconds) in profile.Technical.StaleSeconds)
        {
            _staleSeconds[(int)metric] = seconds;
        }

        Array.Fill(_baseline, double.NaN);
        Array.Fill(_lastValidAt, DateTimeOffset.MinValue);
        _attestedBy = new string?[profile.Discharge.Attestations.Count];
        _attestedAt = new DateTimeOffset[profile.Discharge.Attestations.Count];
        _now = DateTimeOffset.MinValue;
        _nextTimerAt = DateTimeOffset.MinValue;
        InitSchedule();
        InitDischarge();
    }

    /// <summary>The profile version this engine runs.</summary>
    public ProtocolProfile Profile => _profile;

    /// <summary>Engine time: the latest instant seen on any input.</summary>
    public DateTimeOffset Now => _now;

    /// <summary>Phase of the session.</summary>
    public SessionPhase Phase => _phase;

    /// <summary>Number of decisions emitted so far.</summary>
    public long DecisionCount => _sequence;

    /// <summary>Feeds one normalised observation. Allocation-free unless a decision is produced.</summary>
    public void Handle(in Observation observation)
    {
        if (_phase is SessionPhase.NotStarted or SessionPhase.Ended)
        {
            return;
        }

        Advance(observation.ReceivedAt);
        OnObservation(in observation);
        if (_dischargeDirty)
        {
            EvaluateDischarge();
        }
    }

    /// <summary>Feeds one device status edge.</summary>
    public void Handle(DeviceStatusEvent status)
    {
        if (_phase is SessionPhase.NotStarted or SessionPhase.Ended)
        {
            return;
        }

        Advance(status.At);
        OnStatus(status);
        if (_dischargeDirty)
        {
            EvaluateDischarge();
        }
    }

    /// <summary>Feeds one command.</summary>
    public void Handle(SessionCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_phase == SessionPhase.Ended)
        {
            MoveTime(command.At);
            Reject(command, "the session has ended");
            return;
        }

        if (_phase == SessionPhase.NotStarted && command is not StartSession)
        {
            MoveTime(command.At);
            Reject(command, "the session has not started");
            return;
        }

        Advance(command.At);
        OnCommand(command);
        RunTimers();
    }

    /// <summary>Lets time pass: runs every timer due at <paramref name="now"/>. Journal ticks like other inputs.</summary>
    public void Tick(DateTimeOffset now)
    {
        if (_phase is SessionPhase.NotStarted or SessionPhase.Ended)
        {
            MoveTime(now);
            return;
        }

        MoveTime(now);
        RunTimers();
    }

    /// <summary>Feeds any journaled input.</summary>
    public void Apply(in EngineInput input)
    {
        switch (input.Kind)
        {
            case EngineInputKind.Observation:
                Handle(input.ObservationValue);
                break;
            case EngineInputKind.Status:
                Handle(input.StatusValue);
                break;
            case EngineInputKind.Command:
                Handle(input.CommandValue!);
                break;
            case EngineInputKind.Tick:
                Tick(input.TickAt);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input.Kind, "Unknown input kind.");
        }
    }

    private static int[][] BuildRuleIndex(AlarmRule[] rules)
    {
        var counts = new int[MetricSlots];
        foreach (var rule in rules)
        {
            counts[(int)rule.Metric]++;
        }

        var index = new int[MetricSlots][];
        for (var m = 0; m < MetricSlots; m++)
        {
            index[m] = new int[counts[m]];
            counts[m] = 0;
        }

        for (var i = 0; i < rules.Length; i++)
        {
            var m = (int)rules[i].Metric;
            index[m][counts[m]++] = i;
        }

        return index;
    }

    private void MoveTime(DateTimeOffset at)
    {
        // Engine time never moves backwards: inputs from two devices may arrive slightly out of order.
        if (at > _now)
        {
            _now = at;
        }
    }

    private void Advance(DateTimeOffset at)
    {
        MoveTime(at);
        if (_now >= _nextTimerAt)
        {
            RunTimers();
        }
    }

    private void RunTimers()
    {
        _nextTimerAt = _now + s_timerGranularity;
        if (_phase is SessionPhase.NotStarted or SessionPhase.Ended)
        {
            return;
        }

        RunAlarmTimers();
        RunTechnicalTimers();
        if (_phase == SessionPhase.PreDose)
        {
            EvaluateGate();
        }
        else
        {
            RunScheduleTimers();
            EvaluateDischarge();
        }
    }

    private void Emit(EngineDecision decision)
    {
        decision.Sequence = ++_sequence;
        decision.At = _now;
        _sink.Emit(decision);
    }

    private void Reject(SessionCommand command, string reason) =>
        Emit(new CommandRejected(command.GetType().Name, reason));

    private double MinutesSince(DateTimeOffset? at) => at is { } t ? (_now - t).TotalMinutes : double.NaN;
}

using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Tests.Clinical;

/// <summary>
/// Drives one engine through a session on a virtual clock. Every input is also recorded so tests can
/// replay it. Times are minutes (fractional) after <see cref="T0"/>.
/// </summary>
internal sealed class Scenario
{
    public const string Cuff = "room-1-cuff";
    public const string Oximeter = "room-1-oximeter";
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private double _oximetryUntil;

    public Scenario(ProtocolProfile profile, int? age = 45, bool cuffAcceptsCommands = true)
    {
        Profile = profile;
        Engine = new SessionEngine(profile, Log);
        Info = new SessionInfo("s-1", new RoomId("room-1"), "P-7f3a", "dr-rx", "th-1", profile.Route, "56 mg", 56, age, profile.Ref, cuffAcceptsCommands);
    }

    public ProtocolProfile Profile { get; }
    public DecisionLog Log { get; } = new();
    public SessionEngine Engine { get; }
    public SessionInfo Info { get; }
    public List<EngineInput> Inputs { get; } = [];
    public DateTimeOffset Clock { get; private set; } = T0;

    public IReadOnlyList<EngineDecision> Decisions => Log.Decisions;

    public static DateTimeOffset At(double minutes) => T0 + TimeSpan.FromMinutes(minutes);

    public void Feed(EngineInput input)
    {
        Inputs.Add(input);
        Engine.Apply(input);
    }

    public Scenario Command(SessionCommand command)
    {
        if (command.At > Clock)
        {
            Clock = command.At;
        }

        Feed(EngineInput.Of(command));
        return this;
    }

    public Scenario Start(double minute = 0, IReadOnlyDictionary<string, Arm>? arms = null) => Command(new StartSession(At(minute), Info, arms));

    /// <summary>Records the dose; oximetry continues up to it (the oximeter stays on through the session).</summary>
    public Scenario Dose(double minute) => Until(minute).Command(new RecordDose(At(minute), "th-1", "device 1"));

    public Scenario Observe(string device, Metric metric, double value, double minute, Validity validity = Validity.Valid, ObservationFlags flags = ObservationFlags.None)
    {
        var at = At(minute);
        Clock = at;
        var v = validity == Validity.Invalid ? double.NaN : value;
        Feed(EngineInput.Of(new Observation(device, metric, v, validity, flags, at)));
        return this;
    }

    /// <summary>One NIBP reading: systolic, diastolic and heart rate in the same second.</summary>
    public Scenario Bp(double minute, double systolic, double diastolic, double heartRate = 72)
    {
        Observe(Cuff, Metric.Systolic, systolic, minute);
        Observe(Cuff, Metric.Diastolic, diastolic, minute);
        return Observe(Cuff, Metric.HeartRate, heartRate, minute);
    }

    /// <summary>1 Hz SpO2 and pulse from <paramref name="fromMinute"/> (inclusive) to <paramref name="toMinute"/> (exclusive).</summary>
    public Scenario Oximetry(double fromMinute, double toMinute, double spo2, double pulse = 72, Validity validity = Validity.Valid, ObservationFlags flags = ObservationFlags.None)
    {
        var seconds = (int)Math.Round((toMinute - fromMinute) * 60);
        _oximetryUntil = Math.Max(_oximetryUntil, fromMinute + (seconds / 60.0));
        for (var s = 0; s < seconds; s++)
        {
            var minute = fromMinute + (s / 60.0);
            Observe(Oximeter, Metric.Spo2, spo2, minute, validity, flags);
            Observe(Oximeter, Metric.PulseRate, pulse, minute, validity, flags);
        }

        return this;
    }

    /// <summary>Continues 1 Hz oximetry from where it last stopped up to <paramref name="toMinute"/>.</summary>
    public Scenario Until(double toMinute, double spo2 = 98, double pulse = 72)
    {
        if (toMinute > _oximetryUntil)
        {
            Oximetry(_oximetryUntil, toMinute, spo2, pulse);
        }

        return this;
    }

    public Scenario Status(string device, DeviceCondition condition, bool active, double minute)
    {
        Clock = At(minute);
        Feed(EngineInput.Of(new DeviceStatusEvent(device, condition, active, At(minute))));
        return this;
    }

    public Scenario Tick(double minute)
    {
        Clock = At(minute);
        Feed(EngineInput.TickOf(At(minute)));
        return this;
    }

    /// <summary>A valid normal baseline (120/78, SpO2 98) at <paramref name="minute"/>, with oximetry for a minute.</summary>
    public Scenario NormalBaseline(double minute = 1, double systolic = 120, double diastolic = 78)
    {
        Oximetry(minute - 1, minute, 98);
        return Bp(minute, systolic, diastolic);
    }

    public IEnumerable<T> Of<T>() where T : EngineDecision => Decisions.OfType<T>();

    public IEnumerable<AlarmRaised> Raised(string source) => Of<AlarmRaised>().Where(a => a.Alarm.Source == source);

    public IEnumerable<AlarmRaised> Physiological() => Of<AlarmRaised>().Where(a => a.Alarm.Kind == AlarmKind.Physiological);

    public GateState Gate => Engine.Snapshot().Gate.State;

    public bool Ready => Engine.Snapshot().Discharge?.Ready ?? false;

    public string Json => DecisionJson.SerializeLinesText(Decisions);
}

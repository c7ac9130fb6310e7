using BenchmarkDotNet.Attributes;
using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Benchmarks.Engine;

/// <summary>
/// The observation hot path of the clinical engine in steady state (dosed session, oximetry streaming,
/// no decisions): target ≥ 1M observations/s/core and 0 B allocated per observation.
/// Run: <c>dotnet run -c Release --project benchmarks/KapMonitor.Benchmarks -- --filter '*SessionEngine*'</c>
/// </summary>
[MemoryDiagnoser]
public class SessionEngineBenchmarks
{
    private const int Batch = 1000;
    private const string Oximeter = "room-1-oximeter";
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private SessionEngine _engine = null!;
    private DateTimeOffset _now;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        var profile = BenchmarkProfile();
        _engine = new SessionEngine(profile, new NullSink());
        var info = new SessionInfo("s-1", new RoomId("room-1"), "P-1", "dr", "th", SessionRoute.SublingualLozenge, "lozenge", 300, 40, profile.Ref, true);
        _engine.Handle(new StartSession(s_t0, info));
        _now = s_t0;
        for (var s = 0; s < 60; s++)
        {
            _now = s_t0.AddSeconds(s);
            _engine.Handle(new Observation(Oximeter, Metric.Spo2, 98, Validity.Valid, ObservationFlags.None, _now));
        }

        _engine.Handle(new Observation("cuff", Metric.Systolic, 120, Validity.Valid, ObservationFlags.None, _now));
        _engine.Handle(new Observation("cuff", Metric.Diastolic, 78, Validity.Valid, ObservationFlags.None, _now));
        _engine.Handle(new RecordDose(_now, "th", "lozenge"));
    }

    /// <summary>SpO2 and pulse-rate samples, 4 per engine-second (two oximeters' worth of 1 Hz data and then some).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void HandleObservation()
    {
        var engine = _engine;
        for (var n = 0; n < Batch; n++)
        {
            _i++;
            _now = _now.AddTicks(TimeSpan.TicksPerSecond / 4);
            var metric = (_i & 1) == 0 ? Metric.Spo2 : Metric.PulseRate;
            var value = (_i & 1) == 0 ? 96 + (_i & 3) : 70 + (_i & 7);
            var observation = new Observation(Oximeter, metric, value, Validity.Valid, ObservationFlags.None, _now);
            engine.Handle(in observation);
        }
    }

    private static ProtocolProfile BenchmarkProfile() => new()
    {
        Id = "bench",
        Version = 1,
        CreatedBy = "bench",
        CreatedAt = s_t0,
        Route = SessionRoute.SublingualLozenge,
        Gate = new PreDoseGateSettings(),
        // No schedule: a steady-state stream must not produce decisions.
        Schedule = new MeasurementScheduleSettings(),
        Alarms = new AlarmSettings
        {
            Rules =
            [
                new AlarmRule { Id = "spo2-low", Metric = Metric.Spo2, Priority = AlarmPriority.Medium, Comparison = AlarmComparison.AtOrBelow, Limit = 91, Delay = AlarmDelayKind.Persistence, DelaySeconds = 15 },
                new AlarmRule { Id = "spo2-critical", Metric = Metric.Spo2, Priority = AlarmPriority.High, Comparison = AlarmComparison.AtOrBelow, Limit = 85, Delay = AlarmDelayKind.Persistence, DelaySeconds = 10 },
                new AlarmRule { Id = "spo2-sat", Metric = Metric.Spo2, Priority = AlarmPriority.Medium, Comparison = AlarmComparison.AtOrBelow, Limit = 90, Delay = AlarmDelayKind.SatSeconds, SatSecondsLimit = 100 },
                new AlarmRule { Id = "hr-low", Metric = Metric.PulseRate, Priority = AlarmPriority.Medium, Comparison = AlarmComparison.AtOrBelow, Limit = 40, Delay = AlarmDelayKind.Persistence, DelaySeconds = 10 },
                new AlarmRule { Id = "hr-high", Metric = Metric.PulseRate, Priority = AlarmPriority.Medium, Comparison = AlarmComparison.AtOrAbove, Limit = 131, Delay = AlarmDelayKind.Persistence, DelaySeconds = 10 },
                new AlarmRule { Id = "hr-rise", Metric = Metric.PulseRate, Priority = AlarmPriority.Low, Comparison = AlarmComparison.AtOrAbove, LimitKind = AlarmLimitKind.BaselinePercent, Limit = 50 },
            ],
        },
        Technical = new TechnicalAlarmSettings { StaleSeconds = new Dictionary<Metric, double> { [Metric.Spo2] = 30 } },
        Discharge = new DischargeCriteria { MinMinutes = 100_000, Attestations = ["oriented-x3"] },
    };

    private sealed class NullSink : IDecisionSink
    {
        public void Emit(EngineDecision decision)
        {
        }
    }
}

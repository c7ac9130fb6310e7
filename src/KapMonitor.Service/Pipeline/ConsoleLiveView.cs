using System.Globalization;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Observations;
using KapMonitor.Storage;

namespace KapMonitor.Service.Pipeline;

/// <summary>
/// The demo's live view: one line per event (readings at most once per device and metric every
/// <c>readingEvery</c> of clock time, every status edge and every decision). Local time for people.
/// </summary>
public sealed class ConsoleLiveView(TextWriter output, TimeSpan readingEvery) : IRoomObserver
{
    private readonly Dictionary<(string, Metric), DateTimeOffset> _lastShown = [];
    private readonly Lock _gate = new();

    public void OnObservation(string room, long seq, in Observation observation)
    {
        if (observation.Metric == Metric.CuffPressure)
        {
            return;
        }

        var key = (observation.DeviceId, observation.Metric);
        lock (_gate)
        {
            // NIBP results are rare and always shown; oximeter numerics are sampled to keep the view readable.
            var isBp = observation.Metric is Metric.Systolic or Metric.Diastolic or Metric.MeanArterial or Metric.HeartRate;
            if (!isBp && _lastShown.TryGetValue(key, out var last) && observation.ReceivedAt - last < readingEvery)
            {
                return;
            }

            _lastShown[key] = observation.ReceivedAt;
            var value = observation.IsValid || observation.Validity == Validity.Questionable
                ? observation.Value.ToString("0.#", CultureInfo.InvariantCulture) + " " + observation.Unit
                : "--";
            var flags = observation.Flags == ObservationFlags.None ? "" : $" [{observation.Flags}]";
            Write(observation.ReceivedAt, room, $"reading   {observation.DeviceId,-18} {MetricCatalog.Get(observation.Metric).Name,-14} {value}{(observation.IsValid ? "" : " (" + observation.Validity.ToString().ToLowerInvariant() + ")")}{flags}");
        }
    }

    public void OnStatus(string room, long seq, in DeviceStatusEvent status) =>
        Write(status.At, room, $"device    {status.DeviceId,-18} {status.Condition}{(status.Active ? "" : " ended")}{(status.Detail is null ? "" : ": " + status.Detail)}");

    public void OnDecision(string room, ClinicalRecord record, EngineDecision decision)
    {
        var text = decision switch
        {
            AlarmRaised a => $"ALARM     {a.Alarm.Priority.ToString().ToUpperInvariant()} {a.Alarm.Message}",
            AlarmEscalated e => $"ESCALATED {e.AlarmId} -> notify prescriber {e.PrescriberId}",
            AlarmCleared c => $"cleared   {c.AlarmId} ({c.Reason})",
            AlarmAcknowledged k => $"ack       {k.AlarmId} by {k.By}",
            GateChanged g => $"gate      {g.Gate.State}",
            DoseRecorded d => $"dose      {d.Description} by {d.By} (gate {d.GateAtDose})",
            MeasurementDue m => $"BP due    {m.Label} ({m.Hint})",
            DischargeReadinessChanged r => $"DISCHARGE {(r.Readiness.Ready ? "READY" : "not ready")}: {string.Join("; ", r.Readiness.Criteria.Where(c => !c.Met).Select(c => c.Id).Take(4))}",
            DischargeCleared dc => $"DISCHARGE cleared by {dc.By}{(dc.Override ? " (OVERRIDE: " + dc.OverrideReason + ")" : "")}",
            CommandRejected cr => $"refused   {cr.Command}: {cr.Reason}",
            _ => decision.GetType().Name,
        };
        Write(decision.At, room, $"{text}   #{record.Seq}");
    }

    private void Write(DateTimeOffset at, string room, string text)
    {
        lock (output)
        {
            output.WriteLine($"{at.ToLocalTime():HH:mm:ss} {room,-8} {text}");
        }
    }
}

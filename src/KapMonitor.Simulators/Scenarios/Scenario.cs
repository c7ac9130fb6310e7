using KapMonitor.Simulators.Physiology;

namespace KapMonitor.Simulators.Scenarios;

/// <summary>A scripted session: the patient, the dose, the events and the cuff's own schedule. See docs/simulators.md.</summary>
public sealed record Scenario
{
    /// <summary>The only schema version this build reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Scenario name (file name without .json).</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario demonstrates.</summary>
    public string Description { get; init; } = "";

    /// <summary>Default seed (the command line may override it).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Session length.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Patient description (null fields drawn from the seed).</summary>
    public PatientSpec Patient { get; init; } = new();

    /// <summary>The dose.</summary>
    public required DoseSpec Dose { get; init; }

    /// <summary>Events and faults, ordered by start.</summary>
    public IReadOnlyList<ScenarioEvent> Events { get; init; } = [];

    /// <summary>When a cuff that measures on its own (not commanded by the host) starts cycles; later rules replace earlier ones.</summary>
    public IReadOnlyList<BpCadenceRule> BpCadence { get; init; } = [];

    /// <summary>True when the cuff is on the oximeter's arm, so SpO2 drops while it inflates.</summary>
    public bool CuffOnOximeterArm { get; init; }

    /// <summary>The true desaturations of the timeline, for the physiology model.</summary>
    public IEnumerable<DesaturationEpisode> Desaturations =>
        Events.Where(e => e.Kind == ScenarioEventKind.Desaturation).Select(e => new DesaturationEpisode(e.At, e.Duration, e.Nadir));

    /// <summary>Builds the physiology model of this scenario for <paramref name="seed"/>.</summary>
    public PhysiologyModel CreateModel(ulong seed) =>
        new(VirtualPatient.Create(Patient, Dose.Route, seed), Dose, seed, Desaturations);

    /// <summary>
    /// Start of the next auto-measurement cycle at or after <paramref name="after"/>, or null when the
    /// cadence has none before the end of the session.
    /// </summary>
    public TimeSpan? NextCadenceStart(TimeSpan after)
    {
        TimeSpan? best = null;
        for (var i = 0; i < BpCadence.Count; i++)
        {
            var rule = BpCadence[i];
            var ruleEnd = i + 1 < BpCadence.Count ? BpCadence[i + 1].From : Duration;
            var candidate = rule.From;
            if (candidate < after)
            {
                var steps = (long)Math.Ceiling((after - rule.From).Ticks / (double)rule.Every.Ticks);
                candidate = rule.From + TimeSpan.FromTicks(steps * rule.Every.Ticks);
            }

            if (candidate < ruleEnd && candidate < Duration && (best is null || candidate < best))
            {
                best = candidate;
            }
        }

        return best;
    }
}

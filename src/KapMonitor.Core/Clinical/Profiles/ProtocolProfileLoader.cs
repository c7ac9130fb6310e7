using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using KapMonitor.Core.Clinical.Alarms;
using KapMonitor.Core.Clinical.Profiles.Json;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>
/// Reads protocol profiles from JSON with comments (<c>protocol-profiles/*.jsonc</c>). Every problem is
/// reported with the file, the field and the allowed values, e.g.
/// "esketamine-rems.jsonc: alarms.rules[2].priority must be one of low, medium, high (found 'urgent')".
/// Missing optional fields take the defaults documented on the settings records.
/// </summary>
public static class ProtocolProfileLoader
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads and validates a profile file (the only I/O here; the engine itself does none).</summary>
    public static ProtocolProfile LoadFile(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path));

    /// <summary>Parses and validates; throws <see cref="ProfileValidationException"/> listing every problem.</summary>
    public static ProtocolProfile Parse(string fileName, string json) =>
        TryParse(fileName, json, out var profile, out var errors) ? profile : throw new ProfileValidationException(errors);

    /// <summary>Parses and validates, returning every problem instead of throwing.</summary>
    public static bool TryParse(string fileName, string json, [NotNullWhen(true)] out ProtocolProfile? profile, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        errors = problems;
        profile = null;
        ProfileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ProfileDocument>(json, s_options);
        }
        catch (JsonException e)
        {
            problems.Add($"{fileName}: {Where(e.Path)}is not valid: {e.Message}");
            return false;
        }

        if (document is null)
        {
            problems.Add($"{fileName}: the file is empty (expected a profile object)");
            return false;
        }

        var v = new Validator(fileName, problems);
        profile = v.Profile(document);
        if (problems.Count > 0)
        {
            profile = null;
            return false;
        }

        return true;
    }

    private static string Where(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "" : path.TrimStart('$', '.') + " ";

    private sealed class Validator(string file, List<string> problems)
    {
        private static readonly string[] s_priorities = ["low", "medium", "high"];
        private static readonly string[] s_routes = ["sublingualLozenge", "intranasalEsketamine", "ivInfusion"];
        private static readonly string[] s_anchors = ["firstDose", "infusionEnd"];
        private static readonly string[] s_comparisons = ["atOrAbove", "atOrBelow"];
        private static readonly string[] s_delays = ["none", "persistence", "repeatReading", "satSeconds"];

        public ProtocolProfile Profile(ProfileDocument d)
        {
            var id = Required(d.Id, "id");
            var version = d.Version ?? Missing<int>("version", 1);
            if (version < 1)
            {
                Error("version", $"must be at least 1 (found {version})");
            }

            ProfileRef? basedOn = null;
            if (d.BasedOn is { } b)
            {
                basedOn = new ProfileRef(Required(b.Id, "basedOn.id"), b.Version ?? Missing<int>("basedOn.version", 0));
            }

            var route = Enum(d.Route, "route", s_routes, (SessionRoute)0, required: true);
            return new ProtocolProfile
            {
                Id = id,
                Version = version,
                BasedOn = basedOn,
                CreatedBy = Required(d.CreatedBy, "createdBy"),
                CreatedAt = d.CreatedAt ?? Missing("createdAt", DateTimeOffset.UnixEpoch),
                ForPatient = d.ForPatient,
                Route = route,
                Description = d.Description ?? "",
                Gate = Gate(d.Gate ?? new GateDocument()),
                Schedule = Schedule(d.Schedule ?? new ScheduleDocument()),
                Alarms = Alarms(d.Alarms ?? new AlarmsDocument()),
                Technical = Technical(d.Technical ?? new TechnicalDocument()),
                Discharge = Discharge(d.Discharge ?? new DischargeDocument()),
            };
        }

        private PreDoseGateSettings Gate(GateDocument d)
        {
            var defaults = new PreDoseGateSettings();
            return new PreDoseGateSettings
            {
                BaselineWindowMinutes = Positive(d.BaselineWindowMinutes, "gate.baselineWindowMinutes", defaults.BaselineWindowMinutes),
                MaxSystolic = Range(d.MaxSystolic, "gate.maxSystolic", defaults.MaxSystolic, 60, 300),
                MaxSystolicOlderAdult = Range(d.MaxSystolicOlderAdult, "gate.maxSystolicOlderAdult", defaults.MaxSystolicOlderAdult, 60, 300),
                OlderAdultAgeAbove = (int)Range(d.OlderAdultAgeAbove, "gate.olderAdultAgeAbove", defaults.OlderAdultAgeAbove, 0, 130),
                MaxDiastolic = Range(d.MaxDiastolic, "gate.maxDiastolic", defaults.MaxDiastolic, 30, 200),
                RequireSpo2 = d.RequireSpo2 ?? defaults.RequireSpo2,
                MinSpo2 = Range(d.MinSpo2, "gate.minSpo2", defaults.MinSpo2, 50, 100),
            };
        }

        private MeasurementScheduleSettings Schedule(ScheduleDocument d)
        {
            var fixedList = new List<FixedMeasurement>();
            for (var i = 0; i < (d.Fixed?.Count ?? 0); i++)
            {
                var f = d.Fixed![i];
                var at = $"schedule.fixed[{i}]";
                fixedList.Add(new FixedMeasurement
                {
                    Label = Required(f.Label, at + ".label"),
                    Anchor = Enum(f.Anchor, at + ".anchor", s_anchors, ScheduleAnchor.FirstDose),
                    AtMinutes = Positive(f.AtMinutes, at + ".atMinutes", null),
                    ToleranceMinutes = Range(f.ToleranceMinutes, at + ".toleranceMinutes", 0, 0, 600),
                });
            }

            var periodic = new List<PeriodicMeasurement>();
            for (var i = 0; i < (d.Periodic?.Count ?? 0); i++)
            {
                var p = d.Periodic![i];
                var at = $"schedule.periodic[{i}]";
                periodic.Add(new PeriodicMeasurement
                {
                    Anchor = Enum(p.Anchor, at + ".anchor", s_anchors, ScheduleAnchor.FirstDose),
                    FromMinutes = Range(p.FromMinutes, at + ".fromMinutes", 0, 0, 1440),
                    UntilAnchor = p.UntilAnchor is null ? null : Enum(p.UntilAnchor, at + ".untilAnchor", s_anchors, ScheduleAnchor.FirstDose),
                    UntilMinutes = Range(p.UntilMinutes, at + ".untilMinutes", 0, 0, 1440),
                    EveryMinutes = Positive(p.EveryMinutes, at + ".everyMinutes", null),
                    WhileAboveLimitsEveryMinutes = p.WhileAboveLimitsEveryMinutes is null ? null : Positive(p.WhileAboveLimitsEveryMinutes, at + ".whileAboveLimitsEveryMinutes", null),
                });
            }

            return new MeasurementScheduleSettings
            {
                Fixed = fixedList.AsReadOnly(),
                Periodic = periodic.AsReadOnly(),
                OverdueAfterMinutes = Positive(d.OverdueAfterMinutes, "schedule.overdueAfterMinutes", new MeasurementScheduleSettings().OverdueAfterMinutes),
            };
        }

        private AlarmSettings Alarms(AlarmsDocument d)
        {
            var defaults = new AlarmSettings();
            var rules = new List<AlarmRule>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (d.Rules?.Count ?? 0); i++)
            {
                var rule = Rule(d.Rules![i], $"alarms.rules[{i}]");
                if (!ids.Add(rule.Id))
                {
                    Error($"alarms.rules[{i}].id", $"must be unique (found '{rule.Id}' twice)");
                }

                rules.Add(rule);
            }

            return new AlarmSettings
            {
                AudioPauseSeconds = Positive(d.AudioPauseSeconds, "alarms.audioPauseSeconds", defaults.AudioPauseSeconds),
                EscalateAfterSeconds = Positive(d.EscalateAfterSeconds, "alarms.escalateAfterSeconds", defaults.EscalateAfterSeconds),
                EscalateMinPriority = Priority(d.EscalateMinPriority, "alarms.escalateMinPriority", defaults.EscalateMinPriority),
                Rules = rules.AsReadOnly(),
            };
        }

        private AlarmRule Rule(RuleDocument d, string at)
        {
            var limits = (d.Limit is null ? 0 : 1) + (d.BaselinePlus is null ? 0 : 1) + (d.BaselinePercent is null ? 0 : 1);
            if (limits != 1)
            {
                Error(at, $"needs exactly one of limit, baselinePlus, baselinePercent (found {limits})");
            }

            var kind = d.BaselinePlus is not null ? AlarmLimitKind.BaselinePlus
                : d.BaselinePercent is not null ? AlarmLimitKind.BaselinePercent
                : AlarmLimitKind.Absolute;
            var delay = Enum(d.Delay, at + ".delay", s_delays, AlarmDelayKind.None);
            var rule = new AlarmRule
            {
                Id = Required(d.Id, at + ".id"),
                Metric = MetricOf(d.Metric, at + ".metric"),
                Priority = Priority(d.Priority, at + ".priority", AlarmPriority.None, required: true),
                Comparison = Enum(d.When, at + ".when", s_comparisons, AlarmComparison.AtOrAbove, required: true),
                LimitKind = kind,
                Limit = d.Limit ?? d.BaselinePlus ?? d.BaselinePercent ?? 0,
                Delay = delay,
                DelaySeconds = delay == AlarmDelayKind.Persistence ? Positive(d.DelaySeconds, at + ".delaySeconds", null) : 0,
                RepeatWindowSeconds = Positive(d.RepeatWindowSeconds, at + ".repeatWindowSeconds", 180),
                SatSecondsLimit = delay == AlarmDelayKind.SatSeconds ? Positive(d.SatSeconds, at + ".satSeconds", null) : 0,
                ClearHysteresis = Range(d.ClearHysteresis, at + ".clearHysteresis", 0, 0, 100),
                ClearSeconds = Range(d.ClearSeconds, at + ".clearSeconds", 0, 0, 3600),
                Latching = d.Latching,
                Message = d.Message ?? "",
                ActionHint = d.Action,
            };
            return rule;
        }

        private TechnicalAlarmSettings Technical(TechnicalDocument d)
        {
            var defaults = new TechnicalAlarmSettings();
            var stale = new Dictionary<Metric, double>();
            foreach (var (name, seconds) in d.StaleSeconds ?? [])
            {
                var metric = MetricOf(name, $"technical.staleSeconds.{name}");
                stale[metric] = Positive(seconds, $"technical.staleSeconds.{name}", null);
            }

            return new TechnicalAlarmSettings
            {
                StaleSeconds = new ReadOnlyDictionary<Metric, double>(stale),
                StalePriority = Priority(d.StalePriority, "technical.stalePriority", defaults.StalePriority),
                ProbeOffSeconds = Range(d.ProbeOffSeconds, "technical.probeOffSeconds", defaults.ProbeOffSeconds, 0, 600),
                ProbeOffPriority = Priority(d.ProbeOffPriority, "technical.probeOffPriority", defaults.ProbeOffPriority),
                DisconnectedPriority = Priority(d.DisconnectedPriority, "technical.disconnectedPriority", defaults.DisconnectedPriority),
                NibpFailuresInRow = (int)Range(d.NibpFailuresInRow, "technical.nibpFailuresInRow", defaults.NibpFailuresInRow, 1, 10),
                NibpFailedPriority = Priority(d.NibpFailedPriority, "technical.nibpFailedPriority", defaults.NibpFailedPriority),
                OverduePriority = Priority(d.OverduePriority, "technical.overduePriority", defaults.OverduePriority),
                SuppressSpo2DuringCuffInflation = d.SuppressSpo2DuringCuffInflation ?? defaults.SuppressSpo2DuringCuffInflation,
                CuffCycleMaxSeconds = Positive(d.CuffCycleMaxSeconds, "technical.cuffCycleMaxSeconds", defaults.CuffCycleMaxSeconds),
            };
        }

        private DischargeCriteria Discharge(DischargeDocument d)
        {
            var x = new DischargeCriteria();
            CheckAttestations(d.Attestations);
            return new DischargeCriteria
            {
                Anchor = Enum(d.Anchor, "discharge.anchor", s_anchors, x.Anchor),
                MinMinutes = Range(d.MinMinutes, "discharge.minMinutes", x.MinMinutes, 0, 1440),
                BpReadings = (int)Range(d.BpReadings, "discharge.bpReadings", x.BpReadings, 1, 8),
                BpMinSpacingMinutes = Range(d.BpMinSpacingMinutes, "discharge.bpMinSpacingMinutes", x.BpMinSpacingMinutes, 0, 240),
                BpWithinPercentOfBaseline = Range(d.BpWithinPercentOfBaseline, "discharge.bpWithinPercentOfBaseline", x.BpWithinPercentOfBaseline, 0, 100),
                BpNotRisingToleranceMmHg = Range(d.BpNotRisingToleranceMmHg, "discharge.bpNotRisingToleranceMmHg", x.BpNotRisingToleranceMmHg, 0, 100),
                CeilingSystolic = Range(d.CeilingSystolic, "discharge.ceilingSystolic", x.CeilingSystolic, 60, 300),
                CeilingDiastolic = Range(d.CeilingDiastolic, "discharge.ceilingDiastolic", x.CeilingDiastolic, 30, 200),
                LastBpMaxAgeMinutes = Positive(d.LastBpMaxAgeMinutes, "discharge.lastBpMaxAgeMinutes", x.LastBpMaxAgeMinutes),
                Spo2Above = Range(d.Spo2Above, "discharge.spo2Above", x.Spo2Above, 50, 100),
                Spo2Minutes = Range(d.Spo2Minutes, "discharge.spo2Minutes", x.Spo2Minutes, 0, 240),
                HrWithinPercentOfBaseline = d.HrWithinPercentOfBaseline is null ? null : Range(d.HrWithinPercentOfBaseline, "discharge.hrWithinPercentOfBaseline", 20, 0, 100),
                NoAlarmAtOrAbove = Priority(d.NoAlarmAtOrAbove, "discharge.noAlarmAtOrAbove", x.NoAlarmAtOrAbove),
                Attestations = (d.Attestations ?? []).AsReadOnly(),
            };
        }

        private void CheckAttestations(List<string>? items)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (items?.Count ?? 0); i++)
            {
                if (string.IsNullOrWhiteSpace(items![i]) || !seen.Add(items[i]))
                {
                    Error($"discharge.attestations[{i}]", $"must be a non-empty item named once (found '{items[i]}')");
                }
            }
        }

        private Metric MetricOf(string? name, string field)
        {
            if (name is not null && MetricCatalog.TryParse(name, out var info))
            {
                return info.Metric;
            }

            var allowed = new List<string>();
            foreach (var m in MetricCatalog.All)
            {
                allowed.Add(m.Name);
            }

            Error(field, $"must be one of {string.Join(", ", allowed)} ({Found(name)})");
            return Metric.None;
        }

        private AlarmPriority Priority(string? value, string field, AlarmPriority fallback, bool required = false) =>
            value is null && !required ? fallback : Enum(value, field, s_priorities, fallback, required, offset: 1);

        private T Enum<T>(string? value, string field, string[] allowed, T fallback, bool required = false, int offset = 0)
            where T : struct, Enum
        {
            if (value is null && !required)
            {
                return fallback;
            }

            var index = value is null ? -1 : Array.IndexOf(allowed, value);
            if (index < 0)
            {
                Error(field, $"must be one of {string.Join(", ", allowed)} ({Found(value)})");
                return fallback;
            }

            return (T)System.Enum.ToObject(typeof(T), index + offset);
        }

        private string Required(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Error(field, "is required");
                return "";
            }

            return value;
        }

        private T Missing<T>(string field, T fallback)
        {
            Error(field, "is required");
            return fallback;
        }

        private double Positive(double? value, string field, double? fallback)
        {
            if (value is null)
            {
                return fallback ?? Missing(field, 1.0);
            }

            if (!(value > 0) || double.IsInfinity(value.Value))
            {
                Error(field, string.Create(CultureInfo.InvariantCulture, $"must be a positive number (found {value})"));
            }

            return value.Value;
        }

        private double Range(double? value, string field, double fallback, double min, double max)
        {
            if (value is null)
            {
                return fallback;
            }

            if (!(value >= min && value <= max))
            {
                Error(field, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max} (found {value})"));
            }

            return value.Value;
        }

        private static string Found(string? value) => value is null ? "missing" : $"found '{value}'";

        private void Error(string field, string text) => problems.Add($"{file}: {field} {text}");
    }
}

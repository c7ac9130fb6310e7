using System.Globalization;
using System.Text.Json;
using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Physiology;

namespace KapMonitor.Simulators.Scenarios;

/// <summary>
/// Reads scenario JSON (docs/simulators.md). Validation is strict and every error names the source,
/// the JSON path and the accepted values, e.g. "scenarios/x.json: events[2].at must be a time like
/// 00:35:00 (found "35m")".
/// </summary>
public static class ScenarioLoader
{
    private static readonly JsonDocumentOptions s_options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Loads a scenario file.</summary>
    public static Scenario Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioFormatException($"{path}: cannot read the scenario file ({ex.Message}).", ex);
        }

        return Parse(json, path, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>
    /// Resolves <paramref name="nameOrPath"/>: an existing file path, or a scenario name looked up as
    /// <c>NAME.json</c> in <paramref name="directory"/> (default: the nearest <c>scenarios/</c> folder
    /// above the working directory or the application).
    /// </summary>
    public static Scenario LoadByName(string nameOrPath, string? directory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        if (File.Exists(nameOrPath))
        {
            return Load(nameOrPath);
        }

        directory ??= FindScenarioDirectory();
        if (directory is null)
        {
            throw new ScenarioFormatException($"Scenario '{nameOrPath}' not found: no scenarios/ folder above {Environment.CurrentDirectory}; pass a path to a .json file.");
        }

        var path = Path.Combine(directory, nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? nameOrPath : nameOrPath + ".json");
        if (!File.Exists(path))
        {
            var known = Directory.EnumerateFiles(directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
            throw new ScenarioFormatException($"Scenario '{nameOrPath}' not found in {directory}. Known: {string.Join(", ", known)}.");
        }

        return Load(path);
    }

    /// <summary>The nearest <c>scenarios/</c> folder above the working directory or the application base, or null.</summary>
    public static string? FindScenarioDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "scenarios");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Parses scenario JSON; <paramref name="source"/> names it in error messages.</summary>
    public static Scenario Parse(string json, string source, string? defaultName = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_options);
        }
        catch (JsonException ex)
        {
            throw new ScenarioFormatException($"{source}: not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            var reader = new Reader(source);
            return reader.ReadScenario(document.RootElement, defaultName);
        }
    }

    private sealed class Reader(string source)
    {
        public Scenario ReadScenario(JsonElement root, string? defaultName)
        {
            Expect(root, JsonValueKind.Object, "(root)", "an object");
            var version = RequiredInt(root, "schemaVersion", "schemaVersion");
            if (version != Scenario.CurrentSchemaVersion)
            {
                throw Error($"schemaVersion must be {Scenario.CurrentSchemaVersion} (found {version}); this build reads version {Scenario.CurrentSchemaVersion} only");
            }

            var name = OptionalString(root, "name", "name") ?? defaultName
                ?? throw Error("name is required");
            var duration = RequiredTime(root, "duration", "duration");
            if (duration <= TimeSpan.Zero)
            {
                throw Error($"duration must be longer than zero (found {duration:c})");
            }

            var seed = root.TryGetProperty("seed", out var seedElement)
                ? (seedElement.ValueKind == JsonValueKind.Number && seedElement.TryGetUInt64(out var s) ? s : throw Error($"seed must be a non-negative integer (found {seedElement.GetRawText()})"))
                : 1UL;

            var events = root.TryGetProperty("events", out var eventsElement) ? ReadEvents(eventsElement) : [];
            var (cadence, sameArm) = root.TryGetProperty("bloodPressure", out var bp) ? ReadBloodPressure(bp) : ([], false);

            return new Scenario
            {
                Name = name,
                Description = OptionalString(root, "description", "description") ?? "",
                Seed = seed,
                Duration = duration,
                Patient = root.TryGetProperty("patient", out var patient) ? ReadPatient(patient) : new PatientSpec(),
                Dose = root.TryGetProperty("dose", out var dose) ? ReadDose(dose) : new DoseSpec(DoseRoute.None, TimeSpan.Zero),
                Events = [.. events.OrderBy(e => e.At)],
                BpCadence = cadence,
                CuffOnOximeterArm = sameArm,
            };
        }

        private PatientSpec ReadPatient(JsonElement e)
        {
            Expect(e, JsonValueKind.Object, "patient", "an object");
            return new PatientSpec
            {
                Age = (int?)OptionalNumber(e, "age", "patient.age", 0, 120),
                BaselineSystolic = OptionalNumber(e, "baselineSystolic", "patient.baselineSystolic", 60, 250),
                BaselineDiastolic = OptionalNumber(e, "baselineDiastolic", "patient.baselineDiastolic", 30, 150),
                BaselineHeartRate = OptionalNumber(e, "baselineHeartRate", "patient.baselineHeartRate", 30, 200),
                BaselineSpo2 = OptionalNumber(e, "baselineSpo2", "patient.baselineSpo2", 70, 100),
                Variability = OptionalNumber(e, "variability", "patient.variability", 0, 30),
                Hypertensive = OptionalBool(e, "hypertensive", "patient.hypertensive"),
                WhiteCoat = OptionalBool(e, "whiteCoat", "patient.whiteCoat"),
                Responder = OptionalBool(e, "responder", "patient.responder"),
                ResponderProbability = OptionalNumber(e, "responderProbability", "patient.responderProbability", 0, 1),
                ResponseScale = OptionalNumber(e, "responseScale", "patient.responseScale", 0, 10),
                RecoveryScale = OptionalNumber(e, "recoveryScale", "patient.recoveryScale", 0.1, 10),
            };
        }

        private DoseSpec ReadDose(JsonElement e)
        {
            Expect(e, JsonValueKind.Object, "dose", "an object");
            var routeText = OptionalString(e, "route", "dose.route") ?? throw Error("dose.route is required (one of sublingual, intranasal, iv, none)");
            var route = routeText switch
            {
                "sublingual" => DoseRoute.SublingualLozenge,
                "intranasal" => DoseRoute.IntranasalEsketamine,
                "iv" => DoseRoute.IntravenousInfusion,
                "none" => DoseRoute.None,
                _ => throw Error($"dose.route must be one of sublingual, intranasal, iv, none (found \"{routeText}\")"),
            };
            var at = RequiredTime(e, "at", "dose.at");
            var infusion = OptionalTime(e, "infusionDuration", "dose.infusionDuration") ?? (route == DoseRoute.IntravenousInfusion ? TimeSpan.FromMinutes(40) : TimeSpan.Zero);
            return new DoseSpec(route, at, infusion);
        }

        private (IReadOnlyList<BpCadenceRule> Cadence, bool SameArm) ReadBloodPressure(JsonElement e)
        {
            Expect(e, JsonValueKind.Object, "bloodPressure", "an object");
            var sameArm = OptionalBool(e, "cuffOnOximeterArm", "bloodPressure.cuffOnOximeterArm") ?? false;
            var rules = new List<BpCadenceRule>();
            if (e.TryGetProperty("cadence", out var cadence))
            {
                Expect(cadence, JsonValueKind.Array, "bloodPressure.cadence", "an array");
                var i = 0;
                foreach (var rule in cadence.EnumerateArray())
                {
                    var path = $"bloodPressure.cadence[{i++}]";
                    Expect(rule, JsonValueKind.Object, path, "an object like {\"from\":\"00:00:00\",\"every\":\"00:15:00\"}");
                    var every = RequiredTime(rule, "every", path + ".every");
                    if (every < TimeSpan.FromSeconds(60))
                    {
                        throw Error($"{path}.every must be at least 00:01:00 (found {every:c})");
                    }

                    var from = RequiredTime(rule, "from", path + ".from");
                    if (rules.Count > 0 && from <= rules[^1].From)
                    {
                        throw Error($"{path}.from must be later than the previous rule's from ({rules[^1].From:c})");
                    }

                    rules.Add(new BpCadenceRule(from, every));
                }
            }

            return (rules, sameArm);
        }

        private List<ScenarioEvent> ReadEvents(JsonElement e)
        {
            Expect(e, JsonValueKind.Array, "events", "an array");
            var list = new List<ScenarioEvent>();
            var i = 0;
            foreach (var item in e.EnumerateArray())
            {
                var path = $"events[{i++}]";
                Expect(item, JsonValueKind.Object, path, "an object like {\"at\":\"00:35:00\",\"event\":\"probeOff\",\"duration\":\"00:01:00\"}");
                var at = RequiredTime(item, "at", path + ".at");
                var duration = RequiredTime(item, "duration", path + ".duration");
                if (duration <= TimeSpan.Zero)
                {
                    throw Error($"{path}.duration must be longer than zero (found {duration:c})");
                }

                var kindText = OptionalString(item, "event", path + ".event") ?? throw Error($"{path}.event is required (one of {KindNames})");
                if (!Enum.TryParse<ScenarioEventKind>(kindText, ignoreCase: false, out var kind) && !TryCamel(kindText, out kind))
                {
                    throw Error($"{path}.event must be one of {KindNames} (found \"{kindText}\")");
                }

                var target = (OptionalString(item, "device", path + ".device") ?? "all") switch
                {
                    "all" => ScenarioTarget.All,
                    "oximeter" => ScenarioTarget.Oximeter,
                    "cuff" => ScenarioTarget.Cuff,
                    var other => throw Error($"{path}.device must be one of all, oximeter, cuff (found \"{other}\")"),
                };

                var nadir = 0.0;
                if (kind == ScenarioEventKind.Desaturation)
                {
                    nadir = OptionalNumber(item, "nadir", path + ".nadir", 50, 100) ?? throw Error($"{path}.nadir (lowest SpO2 %, 50-100) is required for a desaturation");
                }

                var fault = NibpFault.None;
                if (kind == ScenarioEventKind.CuffError)
                {
                    var faultText = OptionalString(item, "error", path + ".error") ?? throw Error($"{path}.error is required for a cuffError (one of {FaultNames})");
                    if (!TryFault(faultText, out fault))
                    {
                        throw Error($"{path}.error must be one of {FaultNames} (found \"{faultText}\")");
                    }
                }

                list.Add(new ScenarioEvent(at, duration, kind, target, nadir, fault));
            }

            return list;
        }

        private static string KindNames => string.Join(", ", Enum.GetNames<ScenarioEventKind>().Select(Camel));

        private static string FaultNames => string.Join(", ", Enum.GetNames<NibpFault>().Where(n => n != nameof(NibpFault.None)).Select(Camel));

        private static string Camel(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];

        private static bool TryCamel(string text, out ScenarioEventKind kind)
        {
            kind = default;
            return text.Length > 0 && char.IsLower(text[0])
                && Enum.TryParse(char.ToUpperInvariant(text[0]) + text[1..], ignoreCase: false, out kind)
                && Camel(kind.ToString()) == text;
        }

        private static bool TryFault(string text, out NibpFault fault)
        {
            fault = default;
            return text.Length > 0 && char.IsLower(text[0])
                && Enum.TryParse(char.ToUpperInvariant(text[0]) + text[1..], ignoreCase: false, out fault)
                && fault != NibpFault.None && Camel(fault.ToString()) == text;
        }

        private ScenarioFormatException Error(string what) => new($"{source}: {what}.");

        private void Expect(JsonElement e, JsonValueKind kind, string path, string description)
        {
            if (e.ValueKind != kind)
            {
                throw Error($"{path} must be {description} (found {e.ValueKind.ToString().ToLowerInvariant()})");
            }
        }

        private int RequiredInt(JsonElement parent, string name, string path) =>
            !parent.TryGetProperty(name, out var e) ? throw Error($"{path} is required")
            : e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v
            : throw Error($"{path} must be an integer (found {e.GetRawText()})");

        private string? OptionalString(JsonElement parent, string name, string path) =>
            !parent.TryGetProperty(name, out var e) ? null
            : e.ValueKind == JsonValueKind.String ? e.GetString()
            : throw Error($"{path} must be a string (found {e.GetRawText()})");

        private bool? OptionalBool(JsonElement parent, string name, string path) =>
            !parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null ? null
            : e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean()
            : throw Error($"{path} must be true or false (found {e.GetRawText()})");

        private double? OptionalNumber(JsonElement parent, string name, string path, double min, double max)
        {
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var v) || v < min || v > max)
            {
                throw Error($"{path} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (found {e.GetRawText()})");
            }

            return v;
        }

        private TimeSpan RequiredTime(JsonElement parent, string name, string path) =>
            OptionalTime(parent, name, path) ?? throw Error($"{path} is required (a time like 00:35:00)");

        private TimeSpan? OptionalTime(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out var e))
            {
                return null;
            }

            var text = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (text is null || !TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var value))
            {
                throw Error($"{path} must be a time like 00:35:00 (hh:mm:ss; found {e.GetRawText()})");
            }

            return value;
        }
    }
}

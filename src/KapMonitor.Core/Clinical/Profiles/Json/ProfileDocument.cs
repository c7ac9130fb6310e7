#pragma warning disable CA1812 // Instantiated by System.Text.Json.
namespace KapMonitor.Core.Clinical.Profiles.Json;

// The JSON shape of a profile file. Everything is nullable so validation can say exactly what is missing;
// enums are strings so validation can list the allowed values. These types only exist to be read.

internal sealed class ProfileDocument
{
    public string? Id { get; set; }
    public int? Version { get; set; }
    public ProfileRefDocument? BasedOn { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public string? ForPatient { get; set; }
    public string? Route { get; set; }
    public string? Description { get; set; }
    public GateDocument? Gate { get; set; }
    public ScheduleDocument? Schedule { get; set; }
    public AlarmsDocument? Alarms { get; set; }
    public TechnicalDocument? Technical { get; set; }
    public DischargeDocument? Discharge { get; set; }
}

internal sealed class ProfileRefDocument
{
    public string? Id { get; set; }
    public int? Version { get; set; }
}

internal sealed class GateDocument
{
    public double? BaselineWindowMinutes { get; set; }
    public double? MaxSystolic { get; set; }
    public double? MaxSystolicOlderAdult { get; set; }
    public int? OlderAdultAgeAbove { get; set; }
    public double? MaxDiastolic { get; set; }
    public bool? RequireSpo2 { get; set; }
    public double? MinSpo2 { get; set; }
}

internal sealed class ScheduleDocument
{
    public List<FixedDocument>? Fixed { get; set; }
    public List<PeriodicDocument>? Periodic { get; set; }
    public double? OverdueAfterMinutes { get; set; }
}

internal sealed class FixedDocument
{
    public string? Label { get; set; }
    public string? Anchor { get; set; }
    public double? AtMinutes { get; set; }
    public double? ToleranceMinutes { get; set; }
}

internal sealed class PeriodicDocument
{
    public string? Anchor { get; set; }
    public double? FromMinutes { get; set; }
    public string? UntilAnchor { get; set; }
    public double? UntilMinutes { get; set; }
    public double? EveryMinutes { get; set; }
    public double? WhileAboveLimitsEveryMinutes { get; set; }
}

internal sealed class AlarmsDocument
{
    public double? AudioPauseSeconds { get; set; }
    public double? EscalateAfterSeconds { get; set; }
    public string? EscalateMinPriority { get; set; }
    public List<RuleDocument>? Rules { get; set; }
}

internal sealed class RuleDocument
{
    public string? Id { get; set; }
    public string? Metric { get; set; }
    public string? Priority { get; set; }
    public string? When { get; set; }
    public double? Limit { get; set; }
    public double? BaselinePlus { get; set; }
    public double? BaselinePercent { get; set; }
    public string? Delay { get; set; }
    public double? DelaySeconds { get; set; }
    public double? RepeatWindowSeconds { get; set; }
    public double? SatSeconds { get; set; }
    public double? ClearHysteresis { get; set; }
    public double? ClearSeconds { get; set; }
    public bool? Latching { get; set; }
    public string? Message { get; set; }
    public string? Action { get; set; }
}

internal sealed class TechnicalDocument
{
    public Dictionary<string, double>? StaleSeconds { get; set; }
    public string? StalePriority { get; set; }
    public double? ProbeOffSeconds { get; set; }
    public string? ProbeOffPriority { get; set; }
    public string? DisconnectedPriority { get; set; }
    public int? NibpFailuresInRow { get; set; }
    public string? NibpFailedPriority { get; set; }
    public string? OverduePriority { get; set; }
    public bool? SuppressSpo2DuringCuffInflation { get; set; }
    public double? CuffCycleMaxSeconds { get; set; }
}

internal sealed class DischargeDocument
{
    public string? Anchor { get; set; }
    public double? MinMinutes { get; set; }
    public int? BpReadings { get; set; }
    public double? BpMinSpacingMinutes { get; set; }
    public double? BpWithinPercentOfBaseline { get; set; }
    public double? BpNotRisingToleranceMmHg { get; set; }
    public double? CeilingSystolic { get; set; }
    public double? CeilingDiastolic { get; set; }
    public double? LastBpMaxAgeMinutes { get; set; }
    public double? Spo2Above { get; set; }
    public double? Spo2Minutes { get; set; }
    public double? HrWithinPercentOfBaseline { get; set; }
    public string? NoAlarmAtOrAbove { get; set; }
    public List<string>? Attestations { get; set; }
}

using KapMonitor.Core.Clinical.Sessions;

namespace KapMonitor.Service.Api;

// Request bodies of the session API; small and only meaningful together, so they share this file.

/// <summary>POST /api/v1/rooms/{room}/session.</summary>
public sealed record StartSessionRequest(
    string? PatientRef = null,
    string? PrescriberId = null,
    string? TherapistId = null,
    SessionRoute? Route = null,
    string? Dose = null,
    double? DoseMilligrams = null,
    int? PatientAgeYears = null,
    string? Profile = null,
    int? ProfileVersion = null);

/// <summary>POST .../session/dose.</summary>
public sealed record DoseRequest(string? Description);

/// <summary>POST .../session/gate-override.</summary>
public sealed record GateOverrideRequest(string? Reason);

/// <summary>POST .../alarms/acknowledge.</summary>
public sealed record AcknowledgeRequest(string? AlarmId);

/// <summary>POST .../session/attest.</summary>
public sealed record AttestRequest(string? Item);

/// <summary>POST .../session/discharge.</summary>
public sealed record SignOffRequest(string? OverrideReason);

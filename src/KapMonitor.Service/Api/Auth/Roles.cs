namespace KapMonitor.Service.Api.Auth;

/// <summary>User roles. Prescribers set protocols and override gates; therapists run the room; admins manage the device.</summary>
public static class Roles
{
    public const string Therapist = "therapist";
    public const string Prescriber = "prescriber";
    public const string Admin = "admin";

    /// <summary>Roles that run a session at the bedside: start it, dose, acknowledge alarms, end it.</summary>
    public static readonly IReadOnlyList<string> Clinicians = [Therapist, Prescriber];

    /// <summary>
    /// Roles that may acknowledge an alarm, whichever way it arrives (HTTP API or a tablet over MQTT): one list,
    /// so the two ways can never disagree.
    /// </summary>
    public static readonly IReadOnlyList<string> AlarmAcknowledgers = Clinicians;

    /// <summary>Every role name.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Therapist, Prescriber, Admin };
}

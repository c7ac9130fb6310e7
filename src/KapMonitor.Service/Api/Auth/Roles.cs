namespace KapMonitor.Service.Api.Auth;

/// <summary>User roles. Prescribers set protocols and override gates; therapists run the room; admins manage the device.</summary>
public static class Roles
{
    public const string Therapist = "therapist";
    public const string Prescriber = "prescriber";
    public const string Admin = "admin";

    /// <summary>Every role name.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Therapist, Prescriber, Admin };
}

namespace KapMonitor.Simulators.Scenarios;

/// <summary>From <paramref name="From"/> on, an auto-measuring cuff starts a cycle every <paramref name="Every"/>.</summary>
/// <param name="From">Start of the rule (the first cycle starts here).</param>
/// <param name="Every">Interval between cycle starts.</param>
public sealed record BpCadenceRule(TimeSpan From, TimeSpan Every);

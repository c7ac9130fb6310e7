namespace KapMonitor.Service.Api;

/// <summary>Error body of every 4xx/5xx answer: what is wrong and what to do.</summary>
public sealed record ApiError(string Error, IReadOnlyList<string>? Details = null);

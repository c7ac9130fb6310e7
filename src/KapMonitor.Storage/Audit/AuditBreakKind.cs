namespace KapMonitor.Storage;

/// <summary>What is wrong at a broken link of the audit chain.</summary>
public enum AuditBreakKind
{
    /// <summary>A record's content no longer matches its hash (payload, kind, time, session or seq edited).</summary>
    Altered,
    /// <summary>A record's predecessor is missing: records were deleted before it, or at the end of the chain.</summary>
    Deleted,
    /// <summary>Records are intact but out of their chained order (rows swapped or renumbered).</summary>
    Reordered,
}

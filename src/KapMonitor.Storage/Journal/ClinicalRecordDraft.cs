namespace KapMonitor.Storage;

/// <summary>A clinical record to append: the journal adds the room's sequence number and the audit hashes.</summary>
/// <param name="Kind">Record kind (command, decision, session state, ...).</param>
/// <param name="At">When it happened (the record's clinical time, not the commit time).</param>
/// <param name="PayloadJson">One JSON value, stored byte for byte.</param>
/// <param name="SessionId">Session the record belongs to, if any.</param>
public readonly record struct ClinicalRecordDraft(string Kind, DateTimeOffset At, string PayloadJson, string? SessionId = null);

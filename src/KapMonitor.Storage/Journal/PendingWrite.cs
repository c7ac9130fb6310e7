using KapMonitor.Core.Observations;
using Microsoft.Data.Sqlite;

namespace KapMonitor.Storage;

internal enum PendingKind : byte
{
    Observation,
    Status,
    Clinical,
    Command,
    Flush,
}

/// <summary>One item for the writer loop. A struct so that the observation hot path allocates nothing per item.</summary>
internal readonly record struct PendingWrite(
    PendingKind Kind,
    string Room,
    long Seq,
    Observation Observation,
    DeviceStatusEvent Status,
    object? Work)
{
    /// <summary>True when the writer must commit at once instead of waiting for the group-commit window.</summary>
    public bool IsUrgent => Kind is PendingKind.Clinical or PendingKind.Flush || Work is PendingCommand { Urgent: true };
}

/// <summary>A clinical record waiting for its hash and its durable commit.</summary>
internal sealed class PendingClinical(string kind, long atUnixNanos, string? sessionId, string payload)
{
    public string Kind { get; } = kind;
    public long AtUnixNanos { get; } = atUnixNanos;
    public string? SessionId { get; } = sessionId;
    public string Payload { get; } = payload;
    public TaskCompletionSource<ClinicalRecord> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A write run on the writer connection inside the batch transaction (cursor moves, retention).</summary>
internal sealed class PendingCommand(Func<SqliteConnection, SqliteTransaction, long> run, bool urgent)
{
    public Func<SqliteConnection, SqliteTransaction, long> Run { get; } = run;

    /// <summary>False for writes that may ride the next group commit (cursor moves a replay would redo).</summary>
    public bool Urgent { get; } = urgent;

    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

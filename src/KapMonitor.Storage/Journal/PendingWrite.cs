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
    /// <summary>Sequence numbers the item takes, from <see cref="Seq"/> on.</summary>
    public int SeqCount => Kind switch
    {
        PendingKind.Observation or PendingKind.Status => 1,
        PendingKind.Clinical => ((PendingClinical)Work!).Entries.Length,
        _ => 0,
    };

    /// <summary>True when the writer must commit at once instead of waiting for the group-commit window.</summary>
    public bool IsUrgent => Kind is PendingKind.Clinical or PendingKind.Flush || Work is PendingCommand { Urgent: true };
}

/// <summary>
/// Clinical records of one room waiting for their hashes and their durable commit: one item, so they share a
/// transaction (all committed or none) and take consecutive sequence numbers from the item's first.
/// </summary>
internal sealed class PendingClinical(PendingClinical.Entry[] entries)
{
    public Entry[] Entries { get; } = entries;

    public List<ClinicalRecord> Records { get; } = new(entries.Length);

    public TaskCompletionSource<IReadOnlyList<ClinicalRecord>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public readonly record struct Entry(string Kind, long AtUnixNanos, string? SessionId, string Payload);
}

/// <summary>A write run on the writer connection inside the batch transaction (cursor moves, retention).</summary>
internal sealed class PendingCommand(Func<SqliteConnection, SqliteTransaction, long> run, bool urgent)
{
    public Func<SqliteConnection, SqliteTransaction, long> Run { get; } = run;

    /// <summary>False for writes that may ride the next group commit (cursor moves a replay would redo).</summary>
    public bool Urgent { get; } = urgent;

    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

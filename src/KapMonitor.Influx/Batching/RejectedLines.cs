namespace KapMonitor.Influx;

/// <summary>Lines the server permanently refused (in part or whole), with its reason.</summary>
/// <param name="Lines">The lines sent in the refused request (a slice of the caller's batch; copy it to keep it).</param>
/// <param name="FirstLineIndex">Zero-based index, among the batch's non-empty lines, of the first line in <paramref name="Lines"/>.</param>
/// <param name="LineCount">Number of lines in <paramref name="Lines"/>.</param>
/// <param name="Outcome">
/// Why: <see cref="WriteOutcomeKind.PartialWrite"/> (some of these lines were stored),
/// <see cref="WriteOutcomeKind.Rejected"/> or <see cref="WriteOutcomeKind.TooLarge"/> (a single line over the limit).
/// </param>
public sealed record RejectedLines(ReadOnlyMemory<byte> Lines, int FirstLineIndex, int LineCount, WriteOutcome Outcome);

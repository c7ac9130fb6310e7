using KapMonitor.Core.Observations;

namespace KapMonitor.Storage;

/// <summary>An observation as stored in the journal, with its room and per-room sequence number.</summary>
/// <param name="Room">Room id.</param>
/// <param name="Seq">Sequence number, unique and increasing per room across every record type.</param>
/// <param name="Observation">The observation.</param>
public readonly record struct JournaledObservation(string Room, long Seq, Observation Observation);

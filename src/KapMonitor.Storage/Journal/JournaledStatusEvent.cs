using KapMonitor.Core.Observations;

namespace KapMonitor.Storage;

/// <summary>A device status event as stored in the journal.</summary>
/// <param name="Room">Room id.</param>
/// <param name="Seq">Sequence number, unique and increasing per room across every record type.</param>
/// <param name="Status">The event.</param>
public readonly record struct JournaledStatusEvent(string Room, long Seq, DeviceStatusEvent Status);

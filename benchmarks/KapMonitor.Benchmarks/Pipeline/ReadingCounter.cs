using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Observations;
using KapMonitor.Service.Pipeline;
using KapMonitor.Storage;

namespace KapMonitor.Benchmarks.Pipeline;

/// <summary>Counts readings as the room journals them, so the feeder can keep a bounded number of frames in flight.</summary>
internal sealed class ReadingCounter : IRoomObserver
{
    private long _observations;

    /// <summary>Readings journaled since start (each DF8 frame gives two: pulse rate and SpO2).</summary>
    public long Observations => Interlocked.Read(ref _observations);

    public void OnObservation(string room, long seq, in Observation observation) => Interlocked.Increment(ref _observations);

    public void OnStatus(string room, long seq, in DeviceStatusEvent status)
    {
    }

    public void OnDecision(string room, ClinicalRecord record, EngineDecision decision)
    {
    }
}

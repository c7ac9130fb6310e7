using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Observations;
using KapMonitor.Storage;

namespace KapMonitor.Service.Pipeline;

/// <summary>In-process listener of a room (live console view, vitals publisher, UI push). Called on the room loop: be quick.</summary>
public interface IRoomObserver
{
    /// <summary>A reading was journaled.</summary>
    void OnObservation(string room, long seq, in Observation observation);

    /// <summary>A device status edge was journaled.</summary>
    void OnStatus(string room, long seq, in DeviceStatusEvent status);

    /// <summary>A decision was journaled (fsynced).</summary>
    void OnDecision(string room, ClinicalRecord record, EngineDecision decision);

    /// <summary>
    /// Any clinical record of the room (command, decision or session state) was journaled (fsynced); called in
    /// sequence order, after <see cref="OnDecision"/> for a decision. The MQTT outbox is fed from here.
    /// </summary>
    void OnClinicalRecord(string room, ClinicalRecord record)
    {
    }
}

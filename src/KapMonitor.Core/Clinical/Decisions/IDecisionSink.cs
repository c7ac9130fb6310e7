namespace KapMonitor.Core.Clinical.Decisions;

/// <summary>Receives decisions in order, synchronously, on the thread that fed the engine.</summary>
public interface IDecisionSink
{
    /// <summary>One decision; the sink may keep the object.</summary>
    void Emit(EngineDecision decision);
}

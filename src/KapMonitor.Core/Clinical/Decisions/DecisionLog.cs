namespace KapMonitor.Core.Clinical.Decisions;

/// <summary>An <see cref="IDecisionSink"/> that keeps every decision in order.</summary>
public sealed class DecisionLog : IDecisionSink
{
    private readonly List<EngineDecision> _decisions = [];

    /// <summary>Decisions so far.</summary>
    public IReadOnlyList<EngineDecision> Decisions => _decisions;

    /// <inheritdoc/>
    public void Emit(EngineDecision decision) => _decisions.Add(decision);

    /// <summary>Forgets the decisions so far.</summary>
    public void Clear() => _decisions.Clear();
}

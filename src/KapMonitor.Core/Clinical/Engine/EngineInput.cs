using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Engine;

/// <summary>One journaled engine input, for replay: the restart story is "replay the session's inputs".</summary>
public readonly struct EngineInput
{
    private EngineInput(EngineInputKind kind, Observation observation, DeviceStatusEvent status, SessionCommand? command, DateTimeOffset tickAt)
    {
        Kind = kind;
        ObservationValue = observation;
        StatusValue = status;
        CommandValue = command;
        TickAt = tickAt;
    }

    /// <summary>Which member is set.</summary>
    public EngineInputKind Kind { get; }

    /// <summary>The observation when <see cref="Kind"/> is <see cref="EngineInputKind.Observation"/>.</summary>
    public Observation ObservationValue { get; }

    /// <summary>The status event when <see cref="Kind"/> is <see cref="EngineInputKind.Status"/>.</summary>
    public DeviceStatusEvent StatusValue { get; }

    /// <summary>The command when <see cref="Kind"/> is <see cref="EngineInputKind.Command"/>.</summary>
    public SessionCommand? CommandValue { get; }

    /// <summary>The tick instant when <see cref="Kind"/> is <see cref="EngineInputKind.Tick"/>.</summary>
    public DateTimeOffset TickAt { get; }

    /// <summary>Wraps an observation.</summary>
    public static EngineInput Of(in Observation observation) => new(EngineInputKind.Observation, observation, default, null, default);

    /// <summary>Wraps a status event.</summary>
    public static EngineInput Of(DeviceStatusEvent status) => new(EngineInputKind.Status, default, status, null, default);

    /// <summary>Wraps a command.</summary>
    public static EngineInput Of(SessionCommand command) => new(EngineInputKind.Command, default, default, command, default);

    /// <summary>A tick.</summary>
    public static EngineInput TickOf(DateTimeOffset at) => new(EngineInputKind.Tick, default, default, null, at);
}

using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Observations;

namespace KapMonitor.Service.Pipeline;

/// <summary>What a room's loop consumes: device data, the clock, and requests from people.</summary>
public abstract record RoomInput
{
    /// <summary>A decoded reading.</summary>
    public sealed record ObservationInput(Observation Observation) : RoomInput;

    /// <summary>A device status edge.</summary>
    public sealed record StatusInput(DeviceStatusEvent Status) : RoomInput;

    /// <summary>Time passes (drives timers when no data flow).</summary>
    public sealed record ClockInput(DateTimeOffset Now) : RoomInput;

    /// <summary>A session command; completes with the decisions it caused once they are journaled.</summary>
    public sealed record CommandInput(SessionCommand Command, TaskCompletionSource<IReadOnlyList<EngineDecision>> Completion) : RoomInput;

    /// <summary>A read of the room's state, answered on the loop so it never races the engine.</summary>
    public sealed record QueryInput(Func<SessionEngine?, object?> Query, TaskCompletionSource<object?> Completion) : RoomInput;
}

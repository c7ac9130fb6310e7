using KapMonitor.Core.Clinical.Engine;

namespace KapMonitor.Service.Forwarding;

/// <summary>
/// What became of one command from a tablet: the fields it named (never its token) and, when refused, why.
/// </summary>
public sealed record TabletCommandVerdict
{
    /// <summary>The tablet's own id for the request, echoed in the result; null when it sent none.</summary>
    public string? RequestId { get; init; }

    /// <summary>The command name as sent, or null when the message had none.</summary>
    public string? Command { get; init; }

    /// <summary>The alarm instance to acknowledge.</summary>
    public string? AlarmId { get; init; }

    /// <summary>The user the command claims to come from (checked only when <see cref="Accepted"/>).</summary>
    public string? User { get; init; }

    /// <summary>Why it was refused; null when accepted.</summary>
    public CommandRefusal? Refusal { get; init; }

    /// <summary>What is wrong and what to do, for the tablet's user; null when accepted.</summary>
    public string? Reason { get; init; }

    /// <summary>True when every check passed (and, once run, the room took it).</summary>
    public bool Accepted => Refusal is null;

    /// <summary>The same command, refused.</summary>
    public TabletCommandVerdict Refuse(CommandRefusal refusal, string reason) => this with { Refusal = refusal, Reason = reason };

    /// <summary>The engine command of an accepted acknowledgement, given at <paramref name="at"/>.</summary>
    public AcknowledgeAlarm ToCommand(DateTimeOffset at) =>
        Accepted && User is not null && AlarmId is not null
            ? new AcknowledgeAlarm(at, User, AlarmId)
            : throw new InvalidOperationException("Only an accepted acknowledgement becomes an engine command.");
}

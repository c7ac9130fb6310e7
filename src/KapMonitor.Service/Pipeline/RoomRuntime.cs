using System.Text;
using System.Threading.Channels;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Devices.Protocols;
using KapMonitor.Storage;

namespace KapMonitor.Service.Pipeline;

/// <summary>
/// One treatment room: a single loop that journals every input, feeds the room's session engine and
/// journals (fsyncs) every decision before anyone is told of it. Device links, the API and the clock only
/// post inputs; nothing else touches the engine, so it stays single-threaded and deterministic.
/// </summary>
public sealed partial class RoomRuntime : IDecisionSink
{
    /// <summary>
    /// Clock inputs tick the engine only up to this long ago, so an observation still in the queue is
    /// never overtaken by a tick it precedes (which would make replay order differ from live order).
    /// </summary>
    public static readonly TimeSpan ClockGrace = TimeSpan.FromSeconds(2);

    // A waiting loop continues on the posting thread (the device link's read, an API request, the clock timer)
    // instead of being handed to another thread: one wake-up less per reading. The loop is still the only one
    // in the engine, and it gives the thread back at its first wait (a decision's fsync).
    private readonly Channel<RoomInput> _inputs = Channel.CreateUnbounded<RoomInput>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly List<EngineDecision> _pending = [];
    private readonly Lock _observerGate = new();
    private IRoomObserver[] _observers = [];
    private readonly TickClock _ticks = new();
    private readonly Journal _journal;
    private readonly IProtocolStore _profiles;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private SessionEngine? _engine;
    private string? _sessionId;
    private long _journaledDecisions;

    public RoomRuntime(string site, string roomId, Journal journal, IProtocolStore profiles, TimeProvider time, ILogger logger)
    {
        Site = site;
        RoomId = roomId;
        _journal = journal;
        _profiles = profiles;
        _time = time;
        _logger = logger;
    }

    /// <summary>Site id.</summary>
    public string Site { get; }

    /// <summary>Room id.</summary>
    public string RoomId { get; }

    /// <summary>Current (or last) session id in this room.</summary>
    public string? SessionId => _sessionId;

    /// <summary>The arm each device is worn on, by device id, as configured (<c>rooms[].devices[].arm</c>).</summary>
    public IReadOnlyDictionary<string, Arm> DeviceArms { get; init; } = new Dictionary<string, Arm>();

    /// <summary>Asks the room's commandable cuff to measure (set by the device host when the room has one).</summary>
    public Func<DeviceRequest, ValueTask>? CuffRequester { get; set; }

    /// <summary>Adds a listener (copy-on-write, so the loop never sees a list being changed).</summary>
    public void AddObserver(IRoomObserver observer)
    {
        lock (_observerGate)
        {
            _observers = [.. _observers, observer];
        }
    }

    /// <summary>Queues an input for the loop. Never blocks; never drops (the queue is unbounded).</summary>
    public void Post(RoomInput input) => _inputs.Writer.TryWrite(input);

    /// <summary>Runs a command through the engine; completes with its decisions once they are durable.</summary>
    public async Task<IReadOnlyList<EngineDecision>> SendAsync(SessionCommand command, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<IReadOnlyList<EngineDecision>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new RoomInput.CommandInput(command, done));
        return await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Reads the room's engine on the loop (snapshots, REMS record).</summary>
    public async Task<T?> QueryAsync<T>(Func<SessionEngine?, T?> query, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new RoomInput.QueryInput(e => query(e), done));
        return (T?)await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Restores an in-progress session from the journal, then processes inputs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await RestoreAsync(cancellationToken);
        using var clock = _time.CreateTimer(
            static state => ((RoomRuntime)state!).Post(new RoomInput.ClockInput(((RoomRuntime)state!)._time.GetUtcNow())),
            this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        try
        {
            await foreach (var input in _inputs.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await HandleAsync(input);
                }
                catch (RoomConflictException ex)
                {
                    // A request that does not fit the room's state: the caller gets it as a 409; nothing broke.
                    Fail(input, ex);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Room {Room}: failed to process {Input}", RoomId, input.GetType().Name);
                    Fail(input, ex);
                }
            }
        }
        finally
        {
            await _journal.FlushAsync();
        }
    }

    void IDecisionSink.Emit(EngineDecision decision) => _pending.Add(decision);

    private async Task HandleAsync(RoomInput input)
    {
        switch (input)
        {
            case RoomInput.ObservationInput { Observation: var observation }:
                var seq = _journal.AppendObservation(RoomId, observation);
                foreach (var o in _observers)
                {
                    o.OnObservation(RoomId, seq, observation);
                }

                if (_engine is not null)
                {
                    CatchUp(observation.ReceivedAt);
                    _engine.Handle(observation);
                    await JournalDecisionsAsync();
                }

                break;
            case RoomInput.StatusInput { Status: var status }:
                var statusSeq = _journal.AppendStatus(RoomId, status);
                foreach (var o in _observers)
                {
                    o.OnStatus(RoomId, statusSeq, status);
                }

                if (_engine is not null)
                {
                    CatchUp(status.At);
                    _engine.Handle(status);
                    await JournalDecisionsAsync();
                }

                break;
            case RoomInput.ClockInput { Now: var now }:
                if (_engine is not null)
                {
                    CatchUp(now - ClockGrace);
                    await JournalDecisionsAsync();
                }

                break;
            case RoomInput.CommandInput command:
                command.Completion.TrySetResult(await HandleCommandAsync(command.Command));
                break;
            case RoomInput.QueryInput query:
                query.Completion.TrySetResult(query.Query(_engine));
                break;
        }
    }

    private async Task<IReadOnlyList<EngineDecision>> HandleCommandAsync(SessionCommand command)
    {
        if (command is StartSession start)
        {
            if (_engine is { Phase: not Core.Clinical.Sessions.SessionPhase.Ended })
            {
                throw new RoomConflictException($"Room {RoomId} already has session {_sessionId} running; end it before starting another.");
            }

            var profile = _profiles.Find(start.Session.Profile)
                ?? throw new RoomConflictException($"Protocol profile {start.Session.Profile} is not known.");
            if (start.DeviceArms is null && DeviceArms.Count > 0)
            {
                // Where the devices are worn decides whether a cuff cycle suppresses SpO2; the journaled command
                // carries it, so a replay decides the same even if the configuration has changed since.
                command = start = start with { DeviceArms = DeviceArms };
            }

            await AppendClinicalAsync(JournalKinds.Command, command.At, DecisionJson.Serialize(command), start.Session.SessionId);
            _engine = new SessionEngine(profile, this);
            _sessionId = start.Session.SessionId;
            _journaledDecisions = 0;
            _ticks.Reset(command.At);
            _engine.Handle(command);
            return await JournalDecisionsAsync();
        }

        if (_engine is null)
        {
            throw new RoomConflictException($"Room {RoomId} has no session; start one first.");
        }

        // The command is durable before it takes effect: an acknowledgement or sign-off is never lost.
        await AppendClinicalAsync(JournalKinds.Command, command.At, DecisionJson.Serialize(command), _sessionId);
        CatchUp(command.At);
        _engine.Handle(command);
        return await JournalDecisionsAsync();
    }

    private void CatchUp(DateTimeOffset upTo) => _ticks.CatchUp(upTo, _engine!.Tick);

    private async Task<IReadOnlyList<EngineDecision>> JournalDecisionsAsync()
    {
        if (_pending.Count == 0)
        {
            return [];
        }

        // After a restart, replay regenerates decisions that were journaled before it: skip those.
        var decisions = _pending.Where(d => d.Sequence > _journaledDecisions).ToList();
        _pending.Clear();
        if (decisions.Count == 0)
        {
            return [];
        }

        // The decisions of one input go in one transaction: all durable before anyone is told, or none journaled
        // and the engine's counter stays where it was (so replay after a restart counts them right).
        var journaling = _journal.AppendClinicalAsync(RoomId, decisions.Select(d => new ClinicalRecordDraft(JournalKinds.Decision, d.At, Encoding.UTF8.GetString(DecisionJson.Serialize(d)), _sessionId)).ToList());
        // The session state after them is serialized while their fsync runs, and journaled once they are out:
        // an alarm is published without waiting for it.
        var state = _engine is null ? null : System.Text.Json.JsonSerializer.Serialize(_engine.Snapshot(), DecisionJson.Options);
        var records = await journaling;
        _journaledDecisions = decisions[^1].Sequence;
        for (var i = 0; i < decisions.Count; i++)
        {
            foreach (var o in _observers)
            {
                o.OnDecision(RoomId, records[i], decisions[i]);
                o.OnClinicalRecord(RoomId, records[i]);
            }
        }

        if (state is not null)
        {
            await AppendClinicalAsync(JournalKinds.SessionState, _engine!.Now, state, _sessionId);
        }

        foreach (var due in decisions.OfType<MeasurementDue>())
        {
            if (due.Hint == MeasurementHint.CommandCuff && CuffRequester is { } request)
            {
                try
                {
                    await request(DeviceRequest.StartMeasurement);
                }
                catch (Devices.Transport.DeviceUnavailableException ex)
                {
                    // The cuff is unplugged: the engine's overdue timer raises the technical alarm that says so.
                    _logger.LogWarning("Room {Room}: BP due ({Label}) but the cuff is not connected: {Reason}", RoomId, due.Label, ex.Message);
                }
            }
        }

        return decisions;
    }

    /// <summary>Journals (fsyncs) a clinical record that is not a decision, then tells the observers.</summary>
    private async Task AppendClinicalAsync(string kind, DateTimeOffset at, string payloadJson, string? sessionId)
    {
        var record = await _journal.AppendClinicalAsync(RoomId, kind, at, payloadJson, sessionId);
        foreach (var o in _observers)
        {
            o.OnClinicalRecord(RoomId, record);
        }
    }

    private static void Fail(RoomInput input, Exception ex)
    {
        switch (input)
        {
            case RoomInput.CommandInput c:
                c.Completion.TrySetException(ex);
                break;
            case RoomInput.QueryInput q:
                q.Completion.TrySetException(ex);
                break;
        }
    }
}

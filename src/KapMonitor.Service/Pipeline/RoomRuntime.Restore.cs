using System.Text.Json;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Engine;
using KapMonitor.Storage;

namespace KapMonitor.Service.Pipeline;

// Restart and power-loss recovery: the engine's state is a pure function of its journaled inputs, so an
// in-progress session is rebuilt by replaying them through a fresh engine.
public sealed partial class RoomRuntime
{
    private const int PageSize = 4096;

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var (start, decisionCount) = FindOpenSession();
        if (start is null)
        {
            return;
        }

        var (startSeq, command) = start.Value;
        var profile = _profiles.Find(command.Session.Profile);
        if (profile is null)
        {
            _logger.LogError("Room {Room}: cannot resume session {Session}: protocol profile {Profile} is missing", RoomId, command.Session.SessionId, command.Session.Profile);
            return;
        }

        _engine = new SessionEngine(profile, this);
        _sessionId = command.Session.SessionId;
        _ticks.Reset(command.At);
        // Everything replay regenerates up to what was journaled is already known to the world.
        _journaledDecisions = decisionCount;
        var inputs = 0L;
        var after = startSeq - 1;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = _journal.ReadPage(RoomId, after, PageSize);
            if (page.UpToSeq <= after)
            {
                break;
            }

            inputs += Replay(page);
            after = page.UpToSeq;
            _pending.RemoveAll(d => d.Sequence <= _journaledDecisions);
        }

        // Decisions of inputs that were journaled just before a crash, but not their decisions: journal them now.
        var late = await JournalDecisionsAsync();
        _logger.LogInformation(
            "Room {Room}: resumed session {Session} under {Profile}: replayed {Inputs} inputs, {Known} decisions already journaled, {Late} recovered",
            RoomId, _sessionId, profile.Ref, inputs, decisionCount, late.Count);
    }

    private long Replay(JournalPage page)
    {
        int o = 0, s = 0, c = 0;
        long fed = 0;
        var observations = page.Observations;
        var statuses = page.StatusEvents;
        var clinical = page.ClinicalRecords;
        // Merge the three kinds back into journal (= live) order.
        while (o < observations.Count || s < statuses.Count || c < clinical.Count)
        {
            var os = o < observations.Count ? observations[o].Seq : long.MaxValue;
            var ss = s < statuses.Count ? statuses[s].Seq : long.MaxValue;
            var cs = c < clinical.Count ? clinical[c].Seq : long.MaxValue;
            if (os < ss && os < cs)
            {
                var observation = observations[o++].Observation;
                CatchUp(observation.ReceivedAt);
                _engine!.Handle(observation);
            }
            else if (ss < cs)
            {
                var status = statuses[s++].Status;
                CatchUp(status.At);
                _engine!.Handle(status);
            }
            else
            {
                var record = clinical[c++];
                if (record.Kind != JournalKinds.Command || record.SessionId != _sessionId)
                {
                    continue;
                }

                var command = DecisionJson.DeserializeCommand(record.PayloadJson)!;
                if (command is not StartSession)
                {
                    CatchUp(command.At);
                }

                _engine!.Handle(command);
            }

            fed++;
        }

        return fed;
    }

    /// <summary>The last session started in this room that has not ended, and how many decisions it journaled.</summary>
    private ((long Seq, StartSession Command)? Start, long Decisions) FindOpenSession()
    {
        (long, StartSession)? open = null;
        long decisions = 0;
        var after = 0L;
        while (true)
        {
            var records = _journal.ReadClinical(RoomId, after, PageSize);
            if (records.Count == 0)
            {
                break;
            }

            foreach (var record in records)
            {
                if (record.Kind == JournalKinds.Command && DecisionJson.DeserializeCommand(record.PayloadJson) is StartSession start)
                {
                    open = (record.Seq, start);
                    decisions = 0;
                }
                else if (record.Kind == JournalKinds.Decision && open is not null && record.SessionId == open.Value.Item2.Session.SessionId)
                {
                    decisions++;
                    if (JournalKinds.DecisionType(record.PayloadJson) == "sessionEnded")
                    {
                        open = null;
                    }
                }
            }

            after = records[^1].Seq;
        }

        return (open, decisions);
    }
}

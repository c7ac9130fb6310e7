using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Simulators.Tests.Integration;

/// <summary>A thread-safe sink keeping everything the link decoded, in arrival order (one sequence for all three kinds).</summary>
internal sealed class PtyProtocolRecorder : IDecodeSink
{
    private readonly Lock _gate = new();
    private readonly List<Observation> _observations = [];
    private readonly List<(long Sequence, DeviceStatusEvent Status)> _statuses = [];
    private readonly List<(long Sequence, ProtocolError Error)> _errors = [];
    private readonly List<long> _observationSequences = [];
    private long _sequence;

    public long Sequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    public void OnObservation(in Observation observation)
    {
        lock (_gate)
        {
            _observations.Add(observation);
            _observationSequences.Add(++_sequence);
        }
    }

    public void OnStatus(in DeviceStatusEvent status)
    {
        lock (_gate)
        {
            _statuses.Add((++_sequence, status));
        }
    }

    public void OnProtocolError(in ProtocolError error)
    {
        lock (_gate)
        {
            _errors.Add((++_sequence, error));
        }
    }

    /// <summary>Observations recorded after sequence number <paramref name="after"/>.</summary>
    public List<Observation> Observations(long after = 0)
    {
        lock (_gate)
        {
            return [.. _observations.Where((_, i) => _observationSequences[i] > after)];
        }
    }

    /// <summary>How many observations were recorded with a sequence number strictly between the two.</summary>
    public int ObservationCountBetween(long after, long before)
    {
        lock (_gate)
        {
            return _observationSequences.Count(s => s > after && s < before);
        }
    }

    /// <summary>Sequence number of the first observation of <paramref name="metric"/> after <paramref name="after"/>, or null.</summary>
    public long? FirstSequenceOf(Metric metric, long after = 0)
    {
        lock (_gate)
        {
            for (var i = 0; i < _observations.Count; i++)
            {
                if (_observationSequences[i] > after && _observations[i].Metric == metric && _observations[i].IsValid)
                {
                    return _observationSequences[i];
                }
            }

            return null;
        }
    }

    public List<(long Sequence, DeviceStatusEvent Status)> Statuses(long after = 0)
    {
        lock (_gate)
        {
            return [.. _statuses.Where(s => s.Sequence > after)];
        }
    }

    public List<(long Sequence, ProtocolError Error)> Errors(long after = 0)
    {
        lock (_gate)
        {
            return [.. _errors.Where(e => e.Sequence > after)];
        }
    }
}

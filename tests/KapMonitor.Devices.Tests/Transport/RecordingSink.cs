using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Devices.Tests.Transport;

/// <summary>Collects what a link reports; safe to read from the test thread while the link runs.</summary>
internal sealed class RecordingSink : IDecodeSink
{
    private readonly Lock _gate = new();
    private readonly List<Observation> _observations = [];
    private readonly List<DeviceStatusEvent> _statuses = [];
    private readonly List<ProtocolError> _errors = [];

    public IReadOnlyList<Observation> Observations
    {
        get
        {
            lock (_gate)
            {
                return [.. _observations];
            }
        }
    }

    public IReadOnlyList<DeviceStatusEvent> Statuses
    {
        get
        {
            lock (_gate)
            {
                return [.. _statuses];
            }
        }
    }

    public IReadOnlyList<ProtocolError> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Status edges as "Connected+", "Connected-", "Disconnected+"... for compact assertions.</summary>
    public IReadOnlyList<string> Edges => [.. Statuses.Select(s => $"{s.Condition}{(s.Active ? '+' : '-')}")];

    public IReadOnlyList<double> Values => [.. Observations.Select(o => o.Value)];

    public void OnObservation(in Observation observation)
    {
        lock (_gate)
        {
            _observations.Add(observation);
        }
    }

    public void OnStatus(in DeviceStatusEvent status)
    {
        lock (_gate)
        {
            _statuses.Add(status);
        }
    }

    public void OnProtocolError(in ProtocolError error)
    {
        lock (_gate)
        {
            _errors.Add(error);
        }
    }
}

using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Simulators.Tests;

internal sealed class CollectingSink : IDecodeSink
{
    public List<Observation> Observations { get; } = [];

    public List<DeviceStatusEvent> Statuses { get; } = [];

    public List<ProtocolError> Errors { get; } = [];

    public void OnObservation(in Observation observation) => Observations.Add(observation);

    public void OnStatus(in DeviceStatusEvent status) => Statuses.Add(status);

    public void OnProtocolError(in ProtocolError error) => Errors.Add(error);

    public List<Observation> Of(Metric metric) => Observations.Where(o => o.Metric == metric).ToList();
}

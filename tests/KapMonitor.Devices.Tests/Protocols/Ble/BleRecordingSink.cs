using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

/// <summary>Collects everything a decoder reports.</summary>
internal sealed class BleRecordingSink : IDecodeSink
{
    public List<Observation> Observations { get; } = [];

    public List<DeviceStatusEvent> Statuses { get; } = [];

    public List<ProtocolError> Errors { get; } = [];

    public void OnObservation(in Observation observation) => Observations.Add(observation);

    public void OnStatus(in DeviceStatusEvent status) => Statuses.Add(status);

    public void OnProtocolError(in ProtocolError error) => Errors.Add(error);

    public Observation Single(Metric metric) => Observations.Single(o => o.Metric == metric);

    public void Clear()
    {
        Observations.Clear();
        Statuses.Clear();
        Errors.Clear();
    }
}

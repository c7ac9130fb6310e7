using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Devices.Tests.Protocols.Support;

/// <summary>Records everything a decoder reports, in order.</summary>
public sealed class RecordingSink : IDecodeSink
{
    public List<Observation> Observations { get; } = [];

    public List<DeviceStatusEvent> Statuses { get; } = [];

    public List<ProtocolError> Errors { get; } = [];

    public void OnObservation(in Observation observation) => Observations.Add(observation);

    public void OnStatus(in DeviceStatusEvent status) => Statuses.Add(status);

    public void OnProtocolError(in ProtocolError error) => Errors.Add(error);

    public int ErrorBytes(ProtocolErrorKind kind) => Errors.Where(e => e.Kind == kind).Sum(e => e.ByteCount);

    public Observation Single(Metric metric) => Observations.Single(o => o.Metric == metric);

    public Observation Last(Metric metric) => Observations.Last(o => o.Metric == metric);
}

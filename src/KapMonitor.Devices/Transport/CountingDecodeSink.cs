using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Devices.Transport;

/// <summary>Forwards to the link's sink and counts what passes, so counters exist whatever the sink does.</summary>
internal sealed class CountingDecodeSink(IDecodeSink inner, DeviceLinkCounters counters) : IDecodeSink
{
    public void OnObservation(in Observation observation)
    {
        counters.AddObservation();
        inner.OnObservation(in observation);
    }

    public void OnStatus(in DeviceStatusEvent status) => inner.OnStatus(in status);

    public void OnProtocolError(in ProtocolError error)
    {
        counters.AddProtocolError(error.ByteCount);
        inner.OnProtocolError(in error);
    }
}

using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols;

/// <summary>Receives what a decoder found in the bytes. Called synchronously from <see cref="IDeviceProtocol.Decode"/>.</summary>
public interface IDecodeSink
{
    /// <summary>A decoded measurement (valid or not).</summary>
    void OnObservation(in Observation observation);

    /// <summary>A technical condition changed.</summary>
    void OnStatus(in DeviceStatusEvent status);

    /// <summary>Bytes that could not be decoded (junk, bad checksum, truncated or malformed frame). Counted, never thrown.</summary>
    void OnProtocolError(in ProtocolError error);
}

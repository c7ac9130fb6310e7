using KapMonitor.Devices.Protocols;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Devices.Transport;

/// <summary>Log messages of the link (source-generated, no allocation when disabled).</summary>
public sealed partial class DeviceLink
{
    [LoggerMessage(1, LogLevel.Information, "Device {DeviceId} connected via {Channel}")]
    private partial void LogConnected(string deviceId, string channel);

    [LoggerMessage(2, LogLevel.Warning, "Device {DeviceId} lost ({Channel}): {Reason}")]
    private partial void LogLost(string deviceId, string channel, string reason);

    [LoggerMessage(3, LogLevel.Error, "Device {DeviceId} session on {Channel} failed unexpectedly")]
    private partial void LogSessionFailed(Exception exception, string deviceId, string channel);

    [LoggerMessage(4, LogLevel.Information, "Device {DeviceId} not available ({Channel}): {Reason}")]
    private partial void LogOpenFailed(string deviceId, string channel, string reason);

    [LoggerMessage(5, LogLevel.Error, "Device {DeviceId} could not open {Channel}")]
    private partial void LogOpenFailedUnexpectedly(Exception exception, string deviceId, string channel);

    [LoggerMessage(6, LogLevel.Debug, "Device {DeviceId} retrying in {Seconds:0.###} s")]
    private partial void LogBackingOff(string deviceId, double seconds);

    [LoggerMessage(7, LogLevel.Error, "Device {DeviceId} link iteration failed: {Reason}")]
    private partial void LogIterationFailed(Exception exception, string deviceId, string reason);

    [LoggerMessage(8, LogLevel.Error, "Device {DeviceId}: protocol {ProtocolId} consumed {Consumed} of {Available} bytes (contract broken); clamped")]
    private partial void LogBadConsumedCount(string deviceId, string protocolId, int consumed, int available);

    [LoggerMessage(9, LogLevel.Warning, "Device {DeviceId}: request {Request} was queued while disconnected; dropped")]
    private partial void LogDroppedRequest(string deviceId, DeviceRequest request);
}

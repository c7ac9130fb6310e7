using KapMonitor.Devices.Transport;
using KapMonitor.Mqtt.Client;
using KapMonitor.Service.Forwarding;
using KapMonitor.Service.Pipeline;
using KapMonitor.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KapMonitor.Service.Api;

/// <summary>
/// <c>/healthz</c>: Healthy when every device is connected, every room's broker connection is up and the
/// InfluxDB buffer is not filling; Degraded (with the reasons) otherwise. Technical state only: no vitals.
/// </summary>
public sealed class KapHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        foreach (var link in services.GetRequiredService<DeviceHostService>().Links)
        {
            if (link.State != DeviceLinkState.Connected)
            {
                problems.Add($"device {link.DeviceId} {link.State.ToString().ToLowerInvariant()}");
            }
        }

        foreach (var publisher in services.GetService<List<RoomMqttPublisher>>() ?? [])
        {
            if (publisher.Client.State != MqttConnectionState.Connected)
            {
                problems.Add($"MQTT {publisher.Client.ClientId} {publisher.Client.State.ToString().ToLowerInvariant()}");
            }
        }

        if (services.GetService<InfluxForwarder>() is { State: { IsFilling: true } buffer })
        {
            // The technical alarm of the store-and-forward buffer: data are safe in the journal, but the
            // clinic's database is not receiving them.
            problems.Add($"InfluxDB buffer filling: {buffer}");
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("all devices, brokers and forwarders up")
            : HealthCheckResult.Degraded(string.Join("; ", problems)));
    }
}

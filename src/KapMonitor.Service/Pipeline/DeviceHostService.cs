using KapMonitor.Devices.Profiles;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Transport;
using KapMonitor.Service.Api;
using KapMonitor.Service.Configuration;

namespace KapMonitor.Service.Pipeline;

/// <summary>
/// One <see cref="DeviceLink"/> per configured device: the transport from the config (serial path or
/// terminal server), the protocol from the device profile, delivering into the device's room.
/// </summary>
public sealed class DeviceHostService(
    KapMonitorConfig config,
    RoomRegistry rooms,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly List<DeviceLink> _links = [];

    /// <summary>The links, once started.</summary>
    public IReadOnlyList<DeviceLink> Links => _links;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Build every link before running any, so a bad profile stops start-up with its message.
        var profiles = DeviceProfiles.Load(config.DeviceProfiles);
        foreach (var roomConfig in config.Rooms)
        {
            var room = rooms.Find(roomConfig.Id)!;
            foreach (var device in roomConfig.Devices)
            {
                var profile = profiles.Get(device.Id, device.Profile);
                var logger = loggers.CreateLogger($"KapMonitor.Device.{device.Id}");
                var protocol = ProtocolRegistry.Create(profile.Protocol, new ProtocolContext(device.Id, profile.ProtocolOptions));
                var link = new DeviceLink(device.Id, () => CreateChannel(device, profile), protocol, new RoomSink(room, device.Id, logger), time, logger);
                if (DeviceProfiles.AcceptsMeasurementCommands(profile))
                {
                    room.CuffRequester = request => link.RequestAsync(request);
                }

                _links.Add(link);
            }
        }

        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_links.Select(l => l.RunAsync(stoppingToken)));

    private IByteChannel CreateChannel(DeviceConfig device, DeviceProfile profile)
    {
        if (device.Tcp is { } endpoint && ConfigLoader.TryParseHostPort(endpoint, out var host, out var port))
        {
            return new TcpByteChannel(host, port, timeProvider: time);
        }

        if (profile.Serial is not { } serial)
        {
            throw new ConfigException($"device {device.Id}: profile {profile.Id} has no serial settings, so \"port\" cannot be used with it (its transport is {profile.Transport}).");
        }

        return new SerialByteChannel(device.Port!, serial.ToSettings());
    }
}

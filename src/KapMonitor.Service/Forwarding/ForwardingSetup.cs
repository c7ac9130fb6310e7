using KapMonitor.Influx;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Channels;
using KapMonitor.Mqtt.Client;
using KapMonitor.Service.Api;
using KapMonitor.Service.Api.Auth;
using KapMonitor.Service.Configuration;
using KapMonitor.Storage;

namespace KapMonitor.Service.Forwarding;

/// <summary>Registers the forwarders the configuration asks for: InfluxDB store-and-forward and per-room MQTT events.</summary>
public static class ForwardingSetup
{
    public static void Add(IServiceCollection services, KapMonitorConfig config, TimeProvider transportTime)
    {
        if (config.Influx is { } influx)
        {
            services.AddSingleton(sp =>
            {
                var time = sp.GetRequiredService<TimeProvider>();
                var client = new InfluxWriteClient(Endpoint(influx), timeProvider: transportTime);
                var writer = new InfluxBatchWriter(client, logger: sp.GetRequiredService<ILogger<InfluxBatchWriter>>());
                return new InfluxForwarder(sp.GetRequiredService<Journal>(), writer,
                    new InfluxForwarderOptions { Retention = TimeSpan.FromDays(config.Journal.RetentionDays) },
                    time, sp.GetRequiredService<ILogger<InfluxForwarder>>());
            });
            services.AddHostedService(sp => sp.GetRequiredService<InfluxForwarder>());
        }

        if (config.Mqtt is { } mqtt)
        {
            services.AddSingleton(sp => sp.GetRequiredService<RoomRegistry>().All
                .Select(room => new RoomMqttPublisher(room, sp.GetRequiredService<Journal>(), ClientOptions(mqtt, config.Site, room.RoomId),
                    transportTime, sp.GetRequiredService<ILoggerFactory>()))
                .ToList());
            services.AddHostedService(sp => new HostedGroup(sp.GetRequiredService<List<RoomMqttPublisher>>()));
            if (mqtt.AcceptCommands)
            {
                // Registered after the publishers, so it stops first, while the connections are still open.
                services.AddSingleton(sp => sp.GetRequiredService<List<RoomMqttPublisher>>()
                    .Select(p => new RoomCommandListener(p.Room, p.Client, new TabletCommandReader(sp.GetRequiredService<UserStore>()),
                        sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()))
                    .ToList());
                // Not AddHostedService: it de-duplicates by implementation type and would drop this second HostedGroup.
                services.AddSingleton<IHostedService>(sp => new HostedGroup(sp.GetRequiredService<List<RoomCommandListener>>()));
            }
        }
    }

    /// <summary>InfluxDB endpoint from the config.</summary>
    public static InfluxEndpoint Endpoint(InfluxConfig influx)
    {
        var url = new Uri(influx.Url);
        var endpoint = influx.Api switch
        {
            "v2" => InfluxEndpoint.ForV2(url, influx.Org!, influx.Bucket!, influx.Token ?? ""),
            "v3" => InfluxEndpoint.ForV3(url, influx.Database!, influx.Token ?? ""),
            _ => InfluxEndpoint.ForV1(url, influx.Database!, influx.RetentionPolicy, influx.Username, influx.Password),
        };
        return endpoint with { Gzip = influx.Gzip };
    }

    /// <summary>MQTT client options of one room's connection.</summary>
    public static MqttClientOptions ClientOptions(MqttConfig mqtt, string site, string room) => new()
    {
        Host = mqtt.Host,
        Port = mqtt.Port,
        ClientId = mqtt.ClientId is { } id ? $"{id}-{room}" : $"kapmonitor-{site}-{room}",
        ProtocolVersion = mqtt.ProtocolVersion == "3.1.1" ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500,
        KeepAlive = TimeSpan.FromSeconds(mqtt.KeepAliveSeconds),
        UserName = mqtt.Username,
        Password = mqtt.Password,
        Tls = mqtt.Tls
            ? new MqttTlsOptions { CaCertificateFile = mqtt.CaFile, ClientCertificateFile = mqtt.ClientCertFile, ClientKeyFile = mqtt.ClientKeyFile }
            : null,
    };

    /// <summary>Starts and stops several hosted services as one.</summary>
    private sealed class HostedGroup(IReadOnlyList<IHostedService> members) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.WhenAll(members.Select(m => m.StartAsync(cancellationToken)));

        public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(members.Select(m => m.StopAsync(cancellationToken)));
    }
}

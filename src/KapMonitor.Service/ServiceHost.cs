using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Service.Api;
using KapMonitor.Service.Api.Auth;
using KapMonitor.Service.Configuration;
using KapMonitor.Service.Forwarding;
using KapMonitor.Service.Pipeline;
using KapMonitor.Storage;
using Microsoft.AspNetCore.Authentication;

namespace KapMonitor.Service;

/// <summary>Composes the service: journal, rooms, device links, forwarders and the HTTP API.</summary>
public static class ServiceHost
{
    /// <summary>Builds the service for <paramref name="config"/>; run it with <c>RunAsync</c>.</summary>
    public static WebApplication Build(KapMonitorConfig config, ServiceHostOptions? options = null)
    {
        options ??= new ServiceHostOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Urls ?? config.HttpUrls);
        builder.Logging.ClearProviders();
        // Keys for the authentication cookie machinery we do not use; its start-up warning is noise.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        if (options.Logging is { } configureLogging)
        {
            configureLogging(builder.Logging);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
        }

        var time = options.Time;
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(config);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = DecisionJson.Options.PropertyNamingPolicy;
            foreach (var converter in DecisionJson.Options.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });

        builder.Services.AddSingleton(sp => Journal.Open(
            new JournalOptions { Path = config.Journal.Path }, time, sp.GetRequiredService<ILogger<Journal>>()));
        builder.Services.AddSingleton(sp => ProtocolRepository.Load(config.ProtocolProfiles, sp.GetRequiredService<Journal>(), sp.GetRequiredService<ILogger<ProtocolRepository>>()));
        builder.Services.AddSingleton(sp => options.Users ?? (config.UsersFile is { } file ? UserStore.Load(file) : new UserStore([])));
        builder.Services.AddSingleton(sp =>
        {
            var rooms = config.Rooms.Select(r =>
            {
                var room = new RoomRuntime(config.Site, r.Id, sp.GetRequiredService<Journal>(), sp.GetRequiredService<ProtocolRepository>(), time,
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger($"KapMonitor.Room.{r.Id}"))
                {
                    DeviceArms = r.Devices.Where(d => d.Arm is not null).ToDictionary(d => d.Id, d => Enum.Parse<Arm>(d.Arm!, ignoreCase: true)),
                };
                foreach (var observer in options.Observers)
                {
                    room.AddObserver(observer);
                }

                return room;
            });
            return new RoomRegistry(rooms);
        });

        // Order matters: forwarders subscribe to rooms before the rooms run, device links start last.
        ForwardingSetup.Add(builder.Services, config, options.TransportTime);
        builder.Services.AddHostedService<RoomHostService>();
        builder.Services.AddSingleton<DeviceHostService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeviceHostService>());

        builder.Services.AddAuthentication(KapAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, KapAuthenticationHandler>(KapAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddHealthChecks().AddCheck<KapHealthCheck>("kapmonitor");

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            // Degraded still answers 200 so load balancers keep the API reachable; the body says why.
            ResultStatusCodes = { [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status200OK },
            ResponseWriter = (context, report) => context.Response.WriteAsync($"{report.Status}: {string.Join("; ", report.Entries.Select(e => e.Value.Description))}"),
        });
        app.MapKapMonitorApi();
        AnnounceStores(app, config);
        return app;
    }

    private static void AnnounceStores(WebApplication app, KapMonitorConfig config)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KapMonitor");
        logger.LogInformation("Journal (embedded default store): {Path}", config.Journal.Path);
        if (config.Mqtt is null && config.Influx is null)
        {
            logger.LogWarning("No MQTT broker and no InfluxDB configured: running on the embedded default, the local journal. Nothing is lost; events wait in the journal's outbox.");
        }
        else if (config.Mqtt is null)
        {
            logger.LogWarning("No MQTT broker configured: alarm and discharge events wait in the journal's outbox.");
        }
        else if (config.Influx is null)
        {
            logger.LogInformation("No InfluxDB configured: the time series stays in the local journal.");
        }

        if (app.Services.GetRequiredService<UserStore>().Count == 0)
        {
            logger.LogWarning("No users configured (usersFile): every API call will be refused. Create users with './kapmon users hash'.");
        }
    }
}

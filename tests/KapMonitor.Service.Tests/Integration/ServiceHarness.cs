using System.Net.Http.Headers;
using KapMonitor.Service.Api.Auth;
using KapMonitor.Service.Configuration;
using KapMonitor.Service.Pipeline;
using KapMonitor.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Service.Tests.Integration;

/// <summary>
/// Runs the real service in-process (Kestrel on a free loopback port) with test users, the test logger
/// and an injected clock; gives an authenticated HTTP client per role.
/// </summary>
public sealed class ServiceHarness : IAsyncDisposable
{
    public const string TherapistToken = "therapist-token-0123456789";
    public const string PrescriberToken = "prescriber-token-0123456789";

    private ServiceHarness(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public static async Task<ServiceHarness> StartAsync(KapMonitorConfig config, TimeProvider time, TestLoggerProvider logs, params IRoomObserver[] observers)
    {
        var users = new UserStore(
        [
            new UserRecord { Name = "therapist-ana", Role = Roles.Therapist, TokenHash = PasswordHash.HashToken(TherapistToken) },
            new UserRecord { Name = "dr-lee", Role = Roles.Prescriber, TokenHash = PasswordHash.HashToken(PrescriberToken) },
        ]);
        var options = new ServiceHostOptions
        {
            Time = time,
            Users = users,
            Urls = "http://127.0.0.1:0",
            Logging = b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug),
        };
        foreach (var observer in observers)
        {
            options.Observers.Add(observer);
        }

        var app = ServiceHost.Build(config, options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServiceHarness(app, new Uri(address));
    }

    /// <summary>A client authenticated with <paramref name="token"/>.</summary>
    public HttpClient Client(string token = TherapistToken)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseAddress, "/api/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A config with one room, profiles from the repository, the journal in <paramref name="work"/>.</summary>
    public static KapMonitorConfig Config(string work, params DeviceConfig[] devices) => new()
    {
        Site = "test-site",
        Journal = new JournalConfig { Path = Path.Combine(work, "journal.db") },
        DeviceProfiles = RepoPaths.Combine("device-profiles"),
        ProtocolProfiles = RepoPaths.Combine("protocol-profiles"),
        Rooms = [new RoomConfig { Id = "room-1", Devices = [.. devices] }],
    };

    /// <summary>The session's journal records via the audit API (as a prescriber).</summary>
    public static async Task<IReadOnlyList<System.Text.Json.JsonElement>> AuditAsync(ServiceHarness service, string sessionId)
    {
        using var prescriber = service.Client(PrescriberToken);
        var records = await prescriber.GetOkAsync($"sessions/{sessionId}/audit");
        return [.. records.EnumerateArray()];
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

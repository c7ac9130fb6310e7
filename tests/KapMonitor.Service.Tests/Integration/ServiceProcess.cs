using System.Text.Json;
using KapMonitor.Service.Api.Auth;
using KapMonitor.Service.Configuration;
using KapMonitor.Testing.Peers;

namespace KapMonitor.Service.Tests.Integration;

/// <summary>The service as a separate process (<c>kapmon run --config FILE</c>), so a test can kill -9 it.</summary>
public static class ServiceProcess
{
    /// <summary>Writes <paramref name="config"/> and a users file into <paramref name="work"/> and returns the config path.</summary>
    public static string WriteConfig(string work, KapMonitorConfig config)
    {
        var users = Path.Combine(work, "users.json");
        File.WriteAllText(users, JsonSerializer.Serialize(new
        {
            users = new[] { new { name = "therapist-ana", role = Roles.Therapist, tokenHash = PasswordHash.HashToken(ServiceHarness.TherapistToken) } },
        }));
        config.UsersFile = users;
        var path = Path.Combine(work, "kapmonitor.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
        return path;
    }

    /// <summary>Starts the service from the test's output folder and waits for its HTTP port.</summary>
    public static async Task<PeerProcess> StartAsync(string configPath, int httpPort)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "KapMonitor.Service.dll");
        var process = PeerProcess.Start("dotnet", [dll, "run", "--config", configPath]);
        await FreePort.WaitListeningAsync(httpPort, TimeSpan.FromSeconds(60), () => process.Tail(), () => process.IsRunning);
        return process;
    }
}

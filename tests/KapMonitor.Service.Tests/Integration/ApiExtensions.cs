using KapMonitor.Testing;
using System.Net.Http.Json;
using System.Text.Json;

namespace KapMonitor.Service.Tests.Integration;

/// <summary>Small helpers over the session API.</summary>
public static class ApiExtensions
{
    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string path, object? body = null)
    {
        using var response = body is null ? await client.PostAsync(new Uri(path, UriKind.Relative), null) : await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} -> {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetOkAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} -> {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls until <paramref name="condition"/> holds, feeding the device meanwhile.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, Func<Task> step, TimeSpan timeout, string what) =>
        Eventually.TrueAsync(
            async () =>
            {
                if (await condition())
                {
                    return true;
                }

                await step();
                return false;
            },
            () => $"Timed out waiting for {what}.", timeout);
}

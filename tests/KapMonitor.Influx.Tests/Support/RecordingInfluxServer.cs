using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KapMonitor.Influx.Tests.Support;

/// <summary>
/// A Kestrel app on 127.0.0.1:0 that records every request and answers with a scripted reply, standing in for
/// InfluxDB 2.x/3.x (not installable here) and for statuses a real 1.6 cannot be made to produce on demand.
/// </summary>
internal sealed class RecordingInfluxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private Func<RecordedRequest, Task<ScriptedReply>> _reply = _ => Task.FromResult(ScriptedReply.NoContent);

    private RecordingInfluxServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The request received so far, as a signal for tests that wait on the client.</summary>
    public SemaphoreSlim Received { get; } = new(0);

    public static async Task<RecordingInfluxServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new RecordingInfluxServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Url = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public void Reply(Func<RecordedRequest, ScriptedReply> reply) => _reply = r => Task.FromResult(reply(r));

    public void ReplyAsync(Func<RecordedRequest, Task<ScriptedReply>> reply) => _reply = reply;

    /// <summary>Answers with <paramref name="replies"/> in order, then 204 for ever.</summary>
    public void ReplySequence(params ScriptedReply[] replies)
    {
        var queue = new ConcurrentQueue<ScriptedReply>(replies);
        Reply(_ => queue.TryDequeue(out ScriptedReply? next) ? next : ScriptedReply.NoContent);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Received.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var raw = new MemoryStream();
        await context.Request.Body.CopyToAsync(raw);
        byte[] rawBody = raw.ToArray();
        byte[] body = rawBody;
        if (context.Request.Headers.ContentEncoding.ToString() == "gzip")
        {
            using var gzip = new GZipStream(new MemoryStream(rawBody), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain);
            body = plain.ToArray();
        }

        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            rawBody,
            body);
        _requests.Enqueue(request);
        Received.Release();

        ScriptedReply reply = await _reply(request);
        context.Response.StatusCode = reply.Status;
        foreach ((string name, string value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body);
        }
    }
}

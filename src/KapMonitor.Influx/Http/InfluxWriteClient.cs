using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace KapMonitor.Influx;

/// <summary>
/// Sends line-protocol bodies to one <see cref="InfluxEndpoint"/> and classifies every answer as a
/// <see cref="WriteOutcome"/>. It never retries by itself (see <see cref="InfluxBatchWriter"/>) and never throws
/// for server or network failures; only caller cancellation (<see cref="OperationCanceledException"/>) escapes.
/// Thread-safe.
/// </summary>
public sealed class InfluxWriteClient : IDisposable
{
    private static readonly MediaTypeHeaderValue s_lineProtocolType = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _writeUri;
    private readonly Uri _pingUri;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>Creates a client for <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">Target; validated here.</param>
    /// <param name="httpClient">Shared client to use (not disposed by this instance); a private one is created when null.</param>
    /// <param name="timeProvider">Clock for request timeouts and <c>Retry-After</c> dates; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">The endpoint is incomplete; the message lists every problem with the setting names.</exception>
    public InfluxWriteClient(InfluxEndpoint endpoint, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        IReadOnlyList<string> problems = endpoint.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("InfluxDB endpoint settings are incomplete: " + string.Join(" ", problems), nameof(endpoint));
        }

        Endpoint = endpoint;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler
        {
            // Re-resolve DNS now and then and never keep a connection the server closed long ago.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            // Timeouts come from Endpoint.RequestTimeout through TimeProvider so tests control them.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _writeUri = endpoint.BuildWriteUri();
        _pingUri = endpoint.BuildPingUri();
        _authorization = endpoint.BuildAuthorization();
    }

    /// <summary>The endpoint this client writes to.</summary>
    public InfluxEndpoint Endpoint { get; }

    /// <summary>The clock used for timeouts and <c>Retry-After</c> dates.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Sends <paramref name="lines"/> (complete <c>\n</c>-separated lines in <see cref="InfluxEndpoint.Precision"/>)
    /// in one request and classifies the answer.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<WriteOutcome> WriteAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _writeUri);
        request.Headers.Authorization = _authorization;
        request.Content = Endpoint.Gzip ? Compress(lines) : new ReadOnlyMemoryContent(lines);
        request.Content.Headers.ContentType = s_lineProtocolType;
        if (Endpoint.Gzip)
        {
            request.Content.Headers.ContentEncoding.Add("gzip");
        }

        using CancellationTokenSource timeoutSource = CreateTimeout();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            string body = await response.Content.ReadAsStringAsync(timeout.Token);
            return WriteResponseClassifier.Classify(Endpoint, (int)response.StatusCode, body, response.Headers.RetryAfter, TimeProvider.GetUtcNow());
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new WriteOutcome(WriteOutcomeKind.Retryable,
                $"{Endpoint} did not answer within {Endpoint.RequestTimeout.TotalSeconds:0.#} s (RequestTimeout). Retry later.", exception: ex);
        }
        catch (HttpRequestException ex)
        {
            return new WriteOutcome(WriteOutcomeKind.Retryable, Unreachable(ex), exception: ex);
        }
        catch (IOException ex)
        {
            // The connection broke while the answer was being read: whether the lines landed is unknown, and
            // resending is safe because rewriting a point with the same series and timestamp overwrites it.
            return new WriteOutcome(WriteOutcomeKind.Retryable, $"{Endpoint} dropped the connection mid-answer ({ex.Message}). Retry later.", exception: ex);
        }
    }

    /// <summary>Asks the server for <c>GET /ping</c>; never throws for network failures.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<InfluxPingResult> PingAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _pingUri);
        request.Headers.Authorization = _authorization;
        using CancellationTokenSource timeoutSource = CreateTimeout();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            string? version = Header(response, "X-Influxdb-Version");
            string? build = Header(response, "X-Influxdb-Build");
            int status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new InfluxPingResult(true, status, version, build, $"{Endpoint} is up (version {version ?? "unknown"}).")
                : new InfluxPingResult(false, status, version, build, $"{Endpoint} answered /ping with HTTP {status}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new InfluxPingResult(false, null, null, null, $"{Endpoint} did not answer /ping within {Endpoint.RequestTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            return new InfluxPingResult(false, null, null, null, Unreachable(ex));
        }
    }

    /// <summary>Disposes the HTTP client if this instance created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    // The timeout runs on the injected clock so tests decide when (and whether) it fires.
    private CancellationTokenSource CreateTimeout() =>
        Endpoint.RequestTimeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(Endpoint.RequestTimeout, TimeProvider);

    private string Unreachable(HttpRequestException ex)
    {
        string reason = ex.InnerException is SocketException socket ? $"{socket.SocketErrorCode}: {socket.Message}" : ex.Message;
        return $"{Endpoint} is unreachable ({reason}). Retry later; if it persists check the Url setting and that InfluxDB is running.";
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

    private static ByteArrayContent Compress(ReadOnlyMemory<byte> lines)
    {
        using var buffer = new MemoryStream(capacity: Math.Max(64, lines.Length / 4));
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(lines.Span);
        }

        return new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

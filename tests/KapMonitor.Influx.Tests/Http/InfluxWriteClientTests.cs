using System.Text;
using KapMonitor.Influx.Tests.Support;
using KapMonitor.Testing;

namespace KapMonitor.Influx.Tests.Http;

public sealed class InfluxWriteClientTests : IAsyncLifetime
{
    private static readonly byte[] s_lines = Encoding.UTF8.GetBytes("vitals,bed=3 spo2=97i 1700000000000000000\nvitals,bed=3 hr=72i 1700000000000000000\n");
    private RecordingInfluxServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingInfluxServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private InfluxEndpoint V1 => InfluxEndpoint.ForV1(_server.Url, "kap");

    [Fact]
    public async Task V1_success_posts_lines_to_write_with_db_and_precision_n()
    {
        using var client = new InfluxWriteClient(V1);
        WriteOutcome outcome = await client.WriteAsync(s_lines);

        Assert.Equal(WriteOutcomeKind.Success, outcome.Kind);
        Assert.True(outcome.IsSuccess);
        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/write", request.Path);
        Assert.Equal("kap", request.Query["db"]);
        Assert.Equal("n", request.Query["precision"]);
        Assert.False(request.Query.ContainsKey("rp"));
        Assert.Null(request.Header("Authorization"));
        Assert.Equal("text/plain; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal(s_lines, request.Body);
    }

    [Fact]
    public async Task V1_credentials_go_as_basic_auth_by_default_or_as_u_and_p()
    {
        using (var basic = new InfluxWriteClient(InfluxEndpoint.ForV1(_server.Url, "kap", "autogen", "nurse", "p@ss word")))
        {
            await basic.WriteAsync(s_lines);
        }

        using (var query = new InfluxWriteClient(InfluxEndpoint.ForV1(_server.Url, "kap", null, "nurse", "p@ss word") with { V1AuthMode = InfluxV1AuthMode.QueryString }))
        {
            await query.WriteAsync(s_lines);
        }

        RecordedRequest first = _server.Requests[0];
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("nurse:p@ss word")), first.Header("Authorization"));
        Assert.Equal("autogen", first.Query["rp"]);
        Assert.False(first.Query.ContainsKey("p"));
        RecordedRequest second = _server.Requests[1];
        Assert.Null(second.Header("Authorization"));
        Assert.Equal("nurse", second.Query["u"]);
        Assert.Equal("p@ss word", second.Query["p"]);
    }

    [Theory]
    [InlineData(InfluxApiVersion.V1, InfluxPrecision.Nanoseconds, "n")]
    [InlineData(InfluxApiVersion.V1, InfluxPrecision.Microseconds, "u")]
    [InlineData(InfluxApiVersion.V1, InfluxPrecision.Milliseconds, "ms")]
    [InlineData(InfluxApiVersion.V1, InfluxPrecision.Seconds, "s")]
    [InlineData(InfluxApiVersion.V2, InfluxPrecision.Nanoseconds, "ns")]
    [InlineData(InfluxApiVersion.V2, InfluxPrecision.Microseconds, "us")]
    [InlineData(InfluxApiVersion.V3, InfluxPrecision.Nanoseconds, "nanosecond")]
    [InlineData(InfluxApiVersion.V3, InfluxPrecision.Microseconds, "microsecond")]
    [InlineData(InfluxApiVersion.V3, InfluxPrecision.Milliseconds, "millisecond")]
    [InlineData(InfluxApiVersion.V3, InfluxPrecision.Seconds, "second")]
    public void Precision_is_spelled_the_way_each_api_understands(InfluxApiVersion version, InfluxPrecision precision, string expected) =>
        Assert.Equal(expected, InfluxEndpoint.PrecisionParameter(version, precision));

    [Fact]
    public async Task V2_uses_api_v2_write_with_org_bucket_precision_and_token_header()
    {
        using var client = new InfluxWriteClient(InfluxEndpoint.ForV2(_server.Url, "clinic", "vitals", "tok-123") with { Precision = InfluxPrecision.Milliseconds });
        Assert.True((await client.WriteAsync(s_lines)).IsSuccess);

        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal("/api/v2/write", request.Path);
        Assert.Equal("clinic", request.Query["org"]);
        Assert.Equal("vitals", request.Query["bucket"]);
        Assert.Equal("ms", request.Query["precision"]);
        Assert.Equal("Token tok-123", request.Header("Authorization"));
    }

    [Fact]
    public async Task V3_uses_write_lp_with_db_precision_accept_partial_and_bearer_token()
    {
        using var client = new InfluxWriteClient(InfluxEndpoint.ForV3(_server.Url, "kap", "tok-3") with { AcceptPartial = false });
        Assert.True((await client.WriteAsync(s_lines)).IsSuccess);

        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal("/api/v3/write_lp", request.Path);
        Assert.Equal("kap", request.Query["db"]);
        Assert.Equal("nanosecond", request.Query["precision"]);
        Assert.Equal("false", request.Query["accept_partial"]);
        Assert.Equal("Bearer tok-3", request.Header("Authorization"));
    }

    [Fact]
    public async Task Gzip_sends_a_compressed_body_that_decodes_to_the_lines()
    {
        byte[] many = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200).Select(i => $"vitals,bed=3 spo2=97i {i}\n")));
        using var client = new InfluxWriteClient(V1 with { Gzip = true });
        Assert.True((await client.WriteAsync(many)).IsSuccess);

        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal("gzip", request.Header("Content-Encoding"));
        Assert.True(request.RawBody.Length < many.Length / 4, $"gzip body is {request.RawBody.Length} bytes for {many.Length}");
        Assert.Equal(many, request.Body);
    }

    [Fact]
    public async Task V1_partial_write_400_is_partial_with_the_dropped_count()
    {
        _server.ReplySequence(ScriptedReply.Error(400,
            "partial write: field type conflict: input field \"sys\" on measurement \"bp\" is type float, already exists as type integer dropped=1"));
        using var client = new InfluxWriteClient(V1);
        WriteOutcome outcome = await client.WriteAsync(s_lines);

        Assert.Equal(WriteOutcomeKind.PartialWrite, outcome.Kind);
        Assert.Equal(400, outcome.StatusCode);
        Assert.Equal(1, outcome.DroppedCount);
        Assert.StartsWith("partial write: field type conflict", outcome.ServerError, StringComparison.Ordinal);
        Assert.False(outcome.IsRetryable);
    }

    [Fact]
    public async Task V2_422_is_partial_and_V3_partial_counts_line_errors()
    {
        _server.ReplySequence(
            new ScriptedReply(422, """{"code":"unprocessable entity","message":"failure writing points to database: partial write: field type conflict dropped=2"}"""),
            new ScriptedReply(400, """{"error":"partial write of line protocol occurred","data":[{"original_line":"bad","line_number":2,"error_message":"x"},{"original_line":"worse","line_number":3,"error_message":"y"}]}"""));
        using var v2 = new InfluxWriteClient(InfluxEndpoint.ForV2(_server.Url, "o", "b", "t"));
        using var v3 = new InfluxWriteClient(InfluxEndpoint.ForV3(_server.Url, "kap", "t"));

        WriteOutcome two = await v2.WriteAsync(s_lines);
        WriteOutcome three = await v3.WriteAsync(s_lines);

        Assert.Equal(WriteOutcomeKind.PartialWrite, two.Kind);
        Assert.Equal(2, two.DroppedCount);
        Assert.Equal(WriteOutcomeKind.PartialWrite, three.Kind);
        Assert.Equal(2, three.DroppedCount);
    }

    [Fact]
    public async Task Bad_data_400_is_rejected_and_413_is_too_large()
    {
        _server.ReplySequence(
            ScriptedReply.Error(400, "unable to parse 'bp bed=': missing field value"),
            ScriptedReply.Error(413, "Request Entity Too Large"));
        using var client = new InfluxWriteClient(V1);

        WriteOutcome rejected = await client.WriteAsync(s_lines);
        WriteOutcome tooLarge = await client.WriteAsync(s_lines);

        Assert.Equal(WriteOutcomeKind.Rejected, rejected.Kind);
        Assert.Contains("missing field value", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(WriteOutcomeKind.TooLarge, tooLarge.Kind);
        Assert.Contains("Split the batch", tooLarge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_honoured_on_429()
    {
        _server.ReplySequence(ScriptedReply.Error(429, "too many requests", ("Retry-After", "7")));
        using var client = new InfluxWriteClient(V1);
        WriteOutcome outcome = await client.WriteAsync(s_lines);

        Assert.Equal(WriteOutcomeKind.Retryable, outcome.Kind);
        Assert.Equal(429, outcome.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), outcome.RetryAfter);
    }

    [Fact]
    public async Task Retry_after_as_http_date_is_measured_on_the_injected_clock()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero));
        _server.ReplySequence(ScriptedReply.Error(503, "service unavailable", ("Retry-After", "Sat, 21 Nov 2026 20:00:42 GMT")), new ScriptedReply(502));
        using var client = new InfluxWriteClient(V1, timeProvider: clock);

        WriteOutcome dated = await client.WriteAsync(s_lines);
        WriteOutcome plain = await client.WriteAsync(s_lines);

        Assert.Equal(WriteOutcomeKind.Retryable, dated.Kind);
        Assert.Equal(TimeSpan.FromSeconds(42), dated.RetryAfter);
        Assert.Equal(WriteOutcomeKind.Retryable, plain.Kind);
        Assert.Null(plain.RetryAfter);
    }

    [Fact]
    public async Task Auth_failures_name_the_settings_to_fix()
    {
        _server.Reply(_ => ScriptedReply.Error(401, "authorization failed"));
        using var v1 = new InfluxWriteClient(InfluxEndpoint.ForV1(_server.Url, "kap", null, "nurse", "wrong"));
        using var v2 = new InfluxWriteClient(InfluxEndpoint.ForV2(_server.Url, "o", "b", "t"));

        WriteOutcome one = await v1.WriteAsync(s_lines);
        WriteOutcome two = await v2.WriteAsync(s_lines);

        Assert.Equal(WriteOutcomeKind.AuthFailed, one.Kind);
        Assert.Contains("Username and Password settings", one.Message, StringComparison.Ordinal);
        Assert.Contains("'nurse'", one.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", one.Message, StringComparison.Ordinal);
        Assert.Equal(WriteOutcomeKind.AuthFailed, two.Kind);
        Assert.Contains("Token setting", two.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_found_says_which_database_to_create_and_unknown_rp_is_not_retried()
    {
        _server.ReplySequence(
            ScriptedReply.Error(404, "database not found: \"kap\""),
            ScriptedReply.Error(500, "retention policy not found: nope"),
            new ScriptedReply(404, "404 page not found"));
        using var client = new InfluxWriteClient(InfluxEndpoint.ForV1(_server.Url, "kap", "nope"));
        using var v2 = new InfluxWriteClient(InfluxEndpoint.ForV2(_server.Url, "o", "b", "t"));

        WriteOutcome database = await client.WriteAsync(s_lines);
        WriteOutcome rp = await client.WriteAsync(s_lines);
        WriteOutcome api = await v2.WriteAsync(s_lines);

        Assert.Equal(WriteOutcomeKind.NotFound, database.Kind);
        Assert.Contains("CREATE DATABASE \"kap\"", database.Message, StringComparison.Ordinal);
        Assert.Contains("Database setting", database.Message, StringComparison.Ordinal);
        Assert.Equal(WriteOutcomeKind.NotFound, rp.Kind);
        Assert.Contains("RetentionPolicy setting", rp.Message, StringComparison.Ordinal);
        Assert.Equal(WriteOutcomeKind.NotFound, api.Kind);
        Assert.Contains("Version setting", api.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_refused_is_retryable_without_status()
    {
        int closedPort = KapMonitor.Testing.Peers.FreePort.Next();
        using var client = new InfluxWriteClient(InfluxEndpoint.ForV1(new Uri($"http://127.0.0.1:{closedPort}/"), "kap"));
        WriteOutcome outcome = await client.WriteAsync(s_lines);

        Assert.Equal(WriteOutcomeKind.Retryable, outcome.Kind);
        Assert.Null(outcome.StatusCode);
        Assert.NotNull(outcome.Exception);
        Assert.Contains("unreachable", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_outlives_RequestTimeout_on_the_injected_clock_is_retryable()
    {
        var release = new TaskCompletionSource<ScriptedReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.ReplyAsync(_ => release.Task);
        var clock = new ManualTimeProvider();
        using var client = new InfluxWriteClient(V1 with { RequestTimeout = TimeSpan.FromSeconds(5) }, timeProvider: clock);

        Task<WriteOutcome> pending = client.WriteAsync(s_lines);
        Assert.True(await _server.Received.WaitAsync(TimeSpan.FromSeconds(30)));
        clock.Advance(TimeSpan.FromSeconds(5));
        WriteOutcome outcome = await pending.WaitAsync(TimeSpan.FromSeconds(30));
        release.SetResult(ScriptedReply.NoContent);

        Assert.Equal(WriteOutcomeKind.Retryable, outcome.Kind);
        Assert.Contains("RequestTimeout", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_propagates()
    {
        var release = new TaskCompletionSource<ScriptedReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.ReplyAsync(_ => release.Task);
        using var client = new InfluxWriteClient(V1);
        using var cts = new CancellationTokenSource();

        Task<WriteOutcome> pending = client.WriteAsync(s_lines, cts.Token);
        Assert.True(await _server.Received.WaitAsync(TimeSpan.FromSeconds(30)));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        release.SetResult(ScriptedReply.NoContent);
    }

    [Fact]
    public async Task Ping_reports_the_version_header()
    {
        _server.Reply(_ => new ScriptedReply(204, null, new Dictionary<string, string> { ["X-Influxdb-Version"] = "1.6.7~rc0", ["X-Influxdb-Build"] = "OSS" }));
        using var client = new InfluxWriteClient(V1);
        InfluxPingResult ping = await client.PingAsync();

        Assert.True(ping.IsHealthy);
        Assert.Equal("1.6.7~rc0", ping.Version);
        Assert.Equal("OSS", ping.Build);
        Assert.Equal("/ping", Assert.Single(_server.Requests).Path);
        Assert.Equal("GET", _server.Requests[0].Method);
    }

    [Fact]
    public void Incomplete_settings_are_reported_together_by_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => new InfluxWriteClient(new InfluxEndpoint { Version = InfluxApiVersion.V2, Url = _server.Url }));
        Assert.Contains("Org must be set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Bucket must be set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Token must be set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Url must be", Assert.Throws<ArgumentException>(() => new InfluxWriteClient(new InfluxEndpoint { Database = "x" })).Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", InfluxEndpoint.ForV1(_server.Url, "kap", null, "u", "secret").ToString(), StringComparison.Ordinal);
    }
}

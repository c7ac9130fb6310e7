using System.Text;
using KapMonitor.Influx.Tests.Support;
using KapMonitor.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace KapMonitor.Influx.Tests.Batching;

public sealed class InfluxBatchWriterTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Request timeouts get a due time no retry delay can have, so ObservedClock reports only the retry delays.
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromHours(7);
    private readonly TestLoggerProvider _logs = new(output);
    private readonly ObservedClock _clock = new(s_requestTimeout);
    private RecordingInfluxServer _server = null!;
    private InfluxWriteClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await RecordingInfluxServer.StartAsync();
        _client = new InfluxWriteClient(InfluxEndpoint.ForV1(_server.Url, "kap") with { RequestTimeout = s_requestTimeout }, timeProvider: _clock);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _logs.AssertNoErrors();
        _logs.Dispose();
    }

    private InfluxBatchWriter Writer(InfluxBatchWriterOptions? options = null) =>
        new(_client, options, new LoggerFactory([_logs]).CreateLogger<InfluxBatchWriter>(), new Random(42));

    private static byte[] Lines(int count, Func<int, string>? line = null) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, count).Select(i => (line ?? (n => $"vitals,bed=1 spo2={90 + (n % 10)}i {1000 + n}"))(i) + "\n")));

    [Fact]
    public async Task A_good_batch_goes_out_in_one_request()
    {
        BatchWriteResult result = await Writer().WriteAsync(Lines(10));

        Assert.Equal(BatchWriteStatus.Completed, result.Status);
        Assert.Equal(10, result.TotalLines);
        Assert.Equal(10, result.StoredLines);
        Assert.Equal(1, result.Requests);
        Assert.True(result.Unsent.IsEmpty);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public async Task Too_large_splits_in_halves_down_to_what_fits_and_keeps_line_order()
    {
        _server.Reply(r => r.LineCount > 3 ? ScriptedReply.Error(413, "Request Entity Too Large") : ScriptedReply.NoContent);
        byte[] batch = Lines(16);

        BatchWriteResult result = await Writer().WriteAsync(batch);

        Assert.Equal(BatchWriteStatus.Completed, result.Status);
        Assert.Equal(16, result.StoredLines);
        string stored = string.Concat(_server.Requests.Where(r => r.LineCount <= 3).Select(r => r.BodyText));
        Assert.Equal(Encoding.UTF8.GetString(batch), stored);
        Assert.Equal(1 + 2 + 4 + 8, result.Requests);
    }

    [Fact]
    public async Task A_single_line_over_the_limit_is_reported_not_retried()
    {
        _server.Reply(r => r.Body.Length > 60 ? ScriptedReply.Error(413, "Request Entity Too Large") : ScriptedReply.NoContent);
        byte[] batch = Lines(3, n => n == 1 ? "vitals,bed=1 note=\"" + new string('x', 80) + "\" 5" : $"vitals,bed=1 spo2=9{n}i {n}");

        BatchWriteResult result = await Writer().WriteAsync(batch);

        Assert.Equal(BatchWriteStatus.Completed, result.Status);
        Assert.Equal(2, result.StoredLines);
        RejectedLines rejected = Assert.Single(result.Rejected);
        Assert.Equal(WriteOutcomeKind.TooLarge, rejected.Outcome.Kind);
        Assert.Equal(1, rejected.LineCount);
        Assert.Equal(1, rejected.FirstLineIndex);
        Assert.Contains("note=", Encoding.UTF8.GetString(rejected.Lines.Span), StringComparison.Ordinal);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("refused 1 line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Partial_write_is_reported_once_and_never_resent()
    {
        _server.ReplySequence(ScriptedReply.Error(400, "partial write: unable to parse 'bp bed=': missing field value dropped=0"));

        BatchWriteResult result = await Writer().WriteAsync(Lines(5));

        Assert.Equal(BatchWriteStatus.Completed, result.Status);
        Assert.Equal(1, result.Requests);
        RejectedLines rejected = Assert.Single(result.Rejected);
        Assert.Equal(WriteOutcomeKind.PartialWrite, rejected.Outcome.Kind);
        Assert.Equal(5, rejected.LineCount);
    }

    [Fact]
    public async Task Rejected_batches_are_bisected_so_good_lines_still_land()
    {
        _server.Reply(r => r.BodyText.Contains("bad", StringComparison.Ordinal) ? ScriptedReply.Error(400, "unable to parse 'bad': invalid number") : ScriptedReply.NoContent);
        byte[] batch = Lines(8, n => n == 5 ? "bad" : $"vitals spo2=9{n}i {n}");

        BatchWriteResult result = await Writer().WriteAsync(batch);

        Assert.Equal(BatchWriteStatus.Completed, result.Status);
        Assert.Equal(7, result.StoredLines);
        RejectedLines rejected = Assert.Single(result.Rejected);
        Assert.Equal("bad\n", Encoding.UTF8.GetString(rejected.Lines.Span));
        Assert.Equal(5, rejected.FirstLineIndex);
        Assert.Equal(WriteOutcomeKind.Rejected, rejected.Outcome.Kind);
    }

    [Fact]
    public async Task Rejected_batches_are_reported_whole_when_isolation_is_off()
    {
        _server.Reply(_ => ScriptedReply.Error(400, "unable to parse"));

        BatchWriteResult result = await Writer(new InfluxBatchWriterOptions { IsolateRejectedLines = false }).WriteAsync(Lines(4));

        Assert.Equal(1, result.Requests);
        Assert.Equal(4, Assert.Single(result.Rejected).LineCount);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_full_jitter_exponential_backoff()
    {
        _server.ReplySequence(new ScriptedReply(503), new ScriptedReply(500), new ScriptedReply(502));
        var options = new InfluxBatchWriterOptions { InitialBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromSeconds(5) };

        Task<BatchWriteResult> pending = Writer(options).WriteAsync(Lines(3));
        var waited = new List<TimeSpan>();
        for (int i = 0; i < 3; i++)
        {
            waited.Add(await _clock.AdvancePastNextTimerAsync());
        }

        BatchWriteResult result = await pending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(BatchWriteStatus.Completed, result.Status);
        Assert.Equal(4, result.Requests);
        Assert.Equal(waited, result.RetryDelays);
        // Full jitter: retry n waits uniformly in [0, min(cap, initial * 2^(n-1))].
        Assert.InRange(waited[0], TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.InRange(waited[1], TimeSpan.Zero, TimeSpan.FromSeconds(4));
        Assert.InRange(waited[2], TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(3, waited.Distinct().Count());
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_capped()
    {
        _server.ReplySequence(
            ScriptedReply.Error(429, "slow down", ("Retry-After", "7")),
            ScriptedReply.Error(503, "maintenance", ("Retry-After", "86400")));
        var options = new InfluxBatchWriterOptions { MaxRetryAfter = TimeSpan.FromMinutes(2) };

        Task<BatchWriteResult> pending = Writer(options).WriteAsync(Lines(2));
        TimeSpan first = await _clock.AdvancePastNextTimerAsync();
        TimeSpan second = await _clock.AdvancePastNextTimerAsync();
        BatchWriteResult result = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(7), first);
        Assert.Equal(TimeSpan.FromMinutes(2), second);
        Assert.Equal(BatchWriteStatus.Completed, result.Status);
    }

    [Fact]
    public async Task Persistent_outage_defers_the_unsent_tail_after_max_attempts()
    {
        int calls = 0;
        _server.Reply(_ => Interlocked.Increment(ref calls) == 1 ? ScriptedReply.NoContent : new ScriptedReply(503));
        byte[] batch = Lines(6);
        var options = new InfluxBatchWriterOptions { MaxAttempts = 3, MaxRequestBytes = 3 * 30 };

        Task<BatchWriteResult> pending = Writer(options).WriteAsync(batch);
        await _clock.AdvancePastNextTimerAsync();
        await _clock.AdvancePastNextTimerAsync();
        BatchWriteResult result = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(BatchWriteStatus.Deferred, result.Status);
        Assert.Equal(4, result.Requests);
        Assert.Equal(WriteOutcomeKind.Retryable, result.LastFailure?.Kind);
        Assert.Equal(result.StoredLines + result.UnsentLines, result.TotalLines);
        Assert.True(result.StoredLines > 0);
        Assert.EndsWith(Encoding.UTF8.GetString(result.Unsent.Span), Encoding.UTF8.GetString(batch), StringComparison.Ordinal);
        Assert.Equal(_server.Requests[1].Body, result.Unsent[.._server.Requests[1].Body.Length].ToArray());
    }

    [Fact]
    public async Task Configuration_problems_stop_the_batch_at_once_with_an_error_log()
    {
        _server.Reply(_ => ScriptedReply.Error(404, "database not found: \"kap\""));
        _logs.ExpectErrorContaining("configuration problem");

        BatchWriteResult result = await Writer().WriteAsync(Lines(4));

        Assert.Equal(BatchWriteStatus.Failed, result.Status);
        Assert.Equal(1, result.Requests);
        Assert.Equal(WriteOutcomeKind.NotFound, result.LastFailure?.Kind);
        Assert.Equal(4, result.UnsentLines);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("CREATE DATABASE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Blank_lines_are_ignored_and_an_empty_batch_sends_nothing()
    {
        BatchWriteResult empty = await Writer().WriteAsync(Encoding.UTF8.GetBytes("\n\n"));
        BatchWriteResult sparse = await Writer().WriteAsync(Encoding.UTF8.GetBytes("a v=1i\n\nb v=2i"));

        Assert.Equal(0, empty.Requests);
        Assert.Equal(BatchWriteStatus.Completed, empty.Status);
        Assert.Equal(2, sparse.TotalLines);
        Assert.Equal(2, sparse.StoredLines);
    }

    [Fact]
    public void Invalid_options_are_reported_by_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => Writer(new InfluxBatchWriterOptions { MaxAttempts = 0, MaxBackoff = TimeSpan.FromMilliseconds(1) }));
        Assert.Contains("MaxAttempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBackoff", ex.Message, StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KapMonitor.Influx;

/// <summary>
/// Writes a batch of line-protocol lines reliably enough for a store-and-forward queue: splits on 413 (halving
/// down to one line), retries transient failures with exponential backoff and full jitter (honouring
/// <c>Retry-After</c>), and reports lines the server refuses instead of retrying them forever (observed on InfluxDB 1.6.7; 2.x response-code docs).
/// </summary>
/// <remarks>
/// Requests go out one at a time, in batch order, so <see cref="BatchWriteResult.Unsent"/> is always a tail of the
/// batch. Resending lines is safe: a point with the same measurement, tag set and timestamp overwrites itself.
/// Delays run on the client's <see cref="TimeProvider"/>. Safe to call concurrently for different batches.
/// </remarks>
public sealed partial class InfluxBatchWriter
{
    private readonly InfluxWriteClient _client;
    private readonly InfluxBatchWriterOptions _options;
    private readonly ILogger _logger;
    private readonly Random _random;

    /// <summary>Creates a writer over <paramref name="client"/>.</summary>
    /// <param name="client">Sends each request.</param>
    /// <param name="options">Retry and splitting policy; defaults when null.</param>
    /// <param name="logger">Receives warnings for refused lines and retries, errors for configuration problems.</param>
    /// <param name="random">Jitter source (seed it in tests); <see cref="Random.Shared"/> when null.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each setting.</exception>
    public InfluxBatchWriter(InfluxWriteClient client, InfluxBatchWriterOptions? options = null, ILogger<InfluxBatchWriter>? logger = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new InfluxBatchWriterOptions();
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("InfluxDB batch writer settings are invalid: " + string.Join(" ", problems), nameof(options));
        }

        _client = client;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _random = random ?? Random.Shared;
    }

    /// <summary>Writes <paramref name="batch"/> (complete <c>\n</c>-separated lines) and reports what became of every line.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (possibly after some lines were stored).</exception>
    public async Task<BatchWriteResult> WriteAsync(ReadOnlyMemory<byte> batch, CancellationToken cancellationToken = default)
    {
        List<LineSpan> lines = LineSpan.Find(batch.Span);
        var pending = new Stack<LineRange>();
        foreach (LineRange range in InitialRanges(lines).Reverse())
        {
            pending.Push(range);
        }

        var rejected = new List<RejectedLines>();
        var delays = new List<TimeSpan>();
        int stored = 0;
        int requests = 0;
        while (pending.TryPop(out LineRange range))
        {
            ReadOnlyMemory<byte> body = Slice(batch, lines, range);
            for (int attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                WriteOutcome outcome = await _client.WriteAsync(body, cancellationToken);
                requests++;
                switch (outcome.Kind)
                {
                    case WriteOutcomeKind.Success:
                        stored += range.Count;
                        break;
                    case WriteOutcomeKind.TooLarge when range.Count > 1:
                    case WriteOutcomeKind.Rejected when range.Count > 1 && _options.IsolateRejectedLines:
                        LogSplitting(_logger, range.Count, outcome.Kind);
                        PushHalves(pending, range);
                        break;
                    case WriteOutcomeKind.PartialWrite or WriteOutcomeKind.Rejected or WriteOutcomeKind.TooLarge:
                        rejected.Add(new RejectedLines(body, range.First, range.Count, outcome));
                        LogRefused(_logger, range.Count, outcome.Message, FirstLine(body));
                        break;
                    case WriteOutcomeKind.AuthFailed or WriteOutcomeKind.NotFound:
                        LogConfiguration(_logger, outcome.Message);
                        return Stop(BatchWriteStatus.Failed, outcome, range.First);
                    default:
                        if (attempt >= _options.MaxAttempts)
                        {
                            LogGivingUp(_logger, attempt, outcome.Message);
                            return Stop(BatchWriteStatus.Deferred, outcome, range.First);
                        }

                        TimeSpan delay = NextDelay(attempt, outcome.RetryAfter);
                        delays.Add(delay);
                        LogRetrying(_logger, outcome.Message, attempt, delay.TotalSeconds);
                        await Task.Delay(delay, _client.TimeProvider, cancellationToken);
                        continue;
                }

                break;
            }
        }

        return new BatchWriteResult(BatchWriteStatus.Completed, lines.Count, stored, rejected, ReadOnlyMemory<byte>.Empty, 0, null, requests, delays);

        BatchWriteResult Stop(BatchWriteStatus status, WriteOutcome outcome, int firstUnsent)
        {
            ReadOnlyMemory<byte> unsent = batch[lines[firstUnsent].Start..];
            return new BatchWriteResult(status, lines.Count, stored, rejected, unsent, lines.Count - firstUnsent, outcome, requests, delays);
        }
    }

    /// <summary>
    /// Delay before retry number <paramref name="attempt"/>: the server's <c>Retry-After</c> when given (capped by
    /// <see cref="InfluxBatchWriterOptions.MaxRetryAfter"/>), else full jitter: uniform in
    /// 0..min(<see cref="InfluxBatchWriterOptions.MaxBackoff"/>, <see cref="InfluxBatchWriterOptions.InitialBackoff"/>·2^(attempt-1)).
    /// </summary>
    private TimeSpan NextDelay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is TimeSpan asked)
        {
            TimeSpan capped = asked > _options.MaxRetryAfter ? _options.MaxRetryAfter : asked;
            return TimeSpan.FromMilliseconds(Math.Ceiling(capped.TotalMilliseconds));
        }

        double bound = _options.InitialBackoff.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        bound = Math.Min(bound, _options.MaxBackoff.Ticks);
        double fraction;
        lock (_random)
        {
            fraction = _random.NextDouble();
        }

        // Whole milliseconds: timers (Task.Delay on a TimeProvider) run at millisecond resolution, so the delay
        // reported in BatchWriteResult.RetryDelays is exactly the one waited.
        return TimeSpan.FromMilliseconds(Math.Floor(bound * fraction / TimeSpan.TicksPerMillisecond));
    }

    private IEnumerable<LineRange> InitialRanges(List<LineSpan> lines)
    {
        if (lines.Count == 0)
        {
            yield break;
        }

        if (_options.MaxRequestBytes is not int limit)
        {
            yield return new LineRange(0, lines.Count);
            yield break;
        }

        int first = 0;
        for (int i = 1; i < lines.Count; i++)
        {
            if (lines[i].End - lines[first].Start > limit)
            {
                yield return new LineRange(first, i - first);
                first = i;
            }
        }

        yield return new LineRange(first, lines.Count - first);
    }

    private static void PushHalves(Stack<LineRange> pending, LineRange range)
    {
        int left = range.Count / 2;
        pending.Push(new LineRange(range.First + left, range.Count - left));
        pending.Push(new LineRange(range.First, left));
    }

    private static ReadOnlyMemory<byte> Slice(ReadOnlyMemory<byte> batch, List<LineSpan> lines, LineRange range) =>
        batch[lines[range.First].Start..lines[range.First + range.Count - 1].End];

    private static string FirstLine(ReadOnlyMemory<byte> body)
    {
        ReadOnlySpan<byte> span = body.Span;
        int newline = span.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line = newline < 0 ? span : span[..newline];
        return System.Text.Encoding.UTF8.GetString(line.Length > 300 ? line[..300] : line);
    }

    private readonly record struct LineRange(int First, int Count);
}

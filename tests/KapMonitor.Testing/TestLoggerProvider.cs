using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace KapMonitor.Testing;

/// <summary>
/// Logger provider for tests: echoes to xUnit output and records every entry. <see cref="AssertNoErrors"/>
/// (called by fixtures at the end of a test) fails the test on any Error/Critical entry that the test did
/// not declare with <see cref="Expect"/>, and on any unobserved task exception seen meanwhile.
/// </summary>
public sealed class TestLoggerProvider : ILoggerProvider
{
    private readonly ITestOutputHelper? _output;
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly ConcurrentQueue<Exception> _unobserved = new();
    private readonly List<Func<LogEntry, bool>> _expected = [];

    public TestLoggerProvider(ITestOutputHelper? output = null)
    {
        _output = output;
        TaskScheduler.UnobservedTaskException += OnUnobserved;
    }

    /// <summary>Every entry logged so far.</summary>
    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>Declares that error entries matching <paramref name="match"/> are part of the test.</summary>
    public void Expect(Func<LogEntry, bool> match)
    {
        lock (_expected)
        {
            _expected.Add(match);
        }
    }

    /// <summary>Declares that errors whose message contains <paramref name="text"/> are expected.</summary>
    public void ExpectErrorContaining(string text) => Expect(e => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>Throws if an unexpected Error/Critical entry or unobserved task exception was recorded.</summary>
    public void AssertNoErrors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        List<Func<LogEntry, bool>> expected;
        lock (_expected)
        {
            expected = [.. _expected];
        }

        var bad = _entries.Where(e => e.Level >= LogLevel.Error && !expected.Any(m => m(e))).ToList();
        if (bad.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("Unexpected error log entries:\n" + string.Join("\n", bad));
        }

        if (!_unobserved.IsEmpty)
        {
            throw new AggregateException("Unobserved task exceptions during the test.", _unobserved);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() => TaskScheduler.UnobservedTaskException -= OnUnobserved;

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => _unobserved.Enqueue(e.Exception);

    private void Write(LogEntry entry)
    {
        _entries.Enqueue(entry);
        try
        {
            _output?.WriteLine(entry.ToString());
        }
        catch (InvalidOperationException)
        {
            // The test already finished; xUnit refuses late output. The entry is still recorded.
        }
    }

    private sealed class Logger(TestLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Write(new LogEntry(DateTimeOffset.UtcNow, logLevel, category, formatter(state, exception), exception));
    }
}

/// <summary>One recorded log entry.</summary>
public sealed record LogEntry(DateTimeOffset At, LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() =>
        $"{At:HH:mm:ss.fff} {Level,-11} {Category}: {Message}{(Exception is null ? "" : " | " + Exception.GetType().Name + ": " + Exception.Message)}";
}

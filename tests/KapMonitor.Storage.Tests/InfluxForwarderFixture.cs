using KapMonitor.Core.Observations;
using KapMonitor.Influx;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace KapMonitor.Storage.Tests;

/// <summary>A real influxd, a journal and a forwarder between them.</summary>
internal sealed class InfluxForwarderFixture : IAsyncDisposable
{
    public const string Database = "kap";

    private readonly List<IDisposable> _disposables = [];

    private InfluxForwarderFixture(InfluxFixture influx, ITestOutputHelper output)
    {
        Influx = influx;
        Logs = new TestLoggerProvider(output);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
    }

    public InfluxFixture Influx { get; }

    public JournalFixture Journal { get; } = new();

    public TestLoggerProvider Logs { get; }

    public ILoggerFactory LoggerFactory { get; }

    public static async Task<InfluxForwarderFixture> StartAsync(ITestOutputHelper output, InfluxFixtureOptions? options = null, bool createDatabase = true)
    {
        var influx = await InfluxFixture.StartNewAsync(options);
        if (createDatabase)
        {
            await influx.CreateDatabaseAsync(Database);
        }

        return new InfluxForwarderFixture(influx, output);
    }

    public InfluxForwarder Forwarder(Journal journal, InfluxForwarderOptions? options = null, TimeProvider? time = null, string? password = null)
    {
        var endpoint = InfluxEndpoint.ForV1(Influx.Url, Database, username: password is null ? null : Influx.Options.AdminUser, password: password);
        var client = new InfluxWriteClient(endpoint, timeProvider: time ?? Journal.Time);
        _disposables.Add(client);
        var writer = new InfluxBatchWriter(client, new InfluxBatchWriterOptions { MaxAttempts = 1, InitialBackoff = TimeSpan.FromMilliseconds(10) }, LoggerFactory.CreateLogger<InfluxBatchWriter>(), new Random(1));
        return new InfluxForwarder(journal, writer, options ?? new InfluxForwarderOptions { BatchSize = 700 }, time ?? Journal.Time, LoggerFactory.CreateLogger<InfluxForwarder>());
    }

    public Task<long> CountVitalsAsync() => Influx.CountAsync(Database, "vitals", "seq");

    /// <summary>Appends <paramref name="count"/> observations over two rooms, some sharing one receive tick.</summary>
    public static void AppendMany(Journal journal, DateTimeOffset start, int count, int offset = 0)
    {
        for (var i = offset; i < offset + count; i++)
        {
            // Every 4 consecutive observations share a receive instant: the seq-derived timestamp keeps them apart.
            var at = start.AddMilliseconds(i / 4);
            var o = i % 10 == 9
                ? Observation.Invalid("ox-1", Metric.Spo2, ObservationFlags.ProbeOff, at)
                : new Observation(i % 2 == 0 ? "ox-1" : "cuff-1", Metric.Spo2, 90 + (i % 10), Validity.Valid, ObservationFlags.None, at);
            journal.AppendObservation(i % 3 == 0 ? "room-2" : "room-1", o);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in _disposables)
        {
            d.Dispose();
        }

        await Journal.DisposeAsync();
        await Influx.DisposeAsync();
        LoggerFactory.Dispose();
        Logs.Dispose();
    }
}

using KapMonitor.Core.Observations;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;
using Microsoft.Data.Sqlite;

namespace KapMonitor.Storage.Tests;

/// <summary>A journal file in a temp directory, a manual clock, and helpers to poke at the raw file.</summary>
internal sealed class JournalFixture : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("kapjournal");
    private readonly List<Journal> _opened = [];

    public ManualTimeProvider Time { get; } = new();

    public string PathName => _dir.Combine("journal.db");

    public Journal Open(int maxBatch = 8192, TimeSpan? window = null, TimeProvider? time = null)
    {
        var journal = Journal.Open(new JournalOptions { Path = PathName, MaxBatchSize = maxBatch, GroupCommitWindow = window ?? TimeSpan.FromMilliseconds(100) }, time ?? Time);
        _opened.Add(journal);
        return journal;
    }

    public Observation Obs(double value, Metric metric = Metric.Spo2, string device = "ox-1", int secondsOffset = 0) =>
        new(device, metric, value, Validity.Valid, ObservationFlags.None, Time.GetUtcNow().AddSeconds(secondsOffset));

    /// <summary>Runs raw SQL on the file, as a tamperer with sqlite3 would.</summary>
    public int ExecuteRaw(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = PathName, Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteNonQuery();
    }

    public long ScalarRaw(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = PathName, Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls <paramref name="condition"/> while advancing the manual clock, bounded by real time.</summary>
    public async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met within 20 s.");
            }

            Time.Advance(step);
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var journal in _opened)
        {
            try
            {
                await journal.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        _dir.Dispose();
    }
}

using KapMonitor.Influx;

namespace KapMonitor.Storage.Tests;

public sealed class BufferStateTests
{
    private static InfluxForwarder Forwarder(Journal journal, JournalFixture fx, InfluxForwarderOptions options)
    {
        // Never contacted in these tests: only the backlog and retention paths run.
        var client = new InfluxWriteClient(InfluxEndpoint.ForV1(new Uri("http://127.0.0.1:9/"), "kap"), timeProvider: fx.Time);
        return new InfluxForwarder(journal, new InfluxBatchWriter(client), options, fx.Time);
    }

    [Fact]
    public async Task Buffer_filling_is_raised_by_count_and_by_age_and_cleared()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        var forwarder = Forwarder(journal, fx, new InfluxForwarderOptions { BacklogAlarmCount = 5, BacklogAlarmAge = TimeSpan.FromMinutes(10) });
        var events = new List<BufferState>();
        forwarder.BufferStateChanged += (_, s) => events.Add(s);

        for (var i = 0; i < 3; i++)
        {
            journal.AppendObservation("room-1", fx.Obs(i));
        }

        await journal.FlushAsync();
        Assert.False(forwarder.CheckBacklog().IsFilling);

        fx.Time.Advance(TimeSpan.FromMinutes(11));
        var aged = forwarder.CheckBacklog();
        Assert.True(aged.IsFilling);
        Assert.Equal(3, aged.UnforwardedObservations);
        Assert.Equal(TimeSpan.FromMinutes(11), aged.OldestAge);
        Assert.Contains("buffer filling: 3 observations", aged.ToString(), StringComparison.Ordinal);

        await journal.AdvanceCursorAsync("influx", "room-1", 3);
        Assert.False(forwarder.CheckBacklog().IsFilling);

        for (var i = 0; i < 6; i++)
        {
            journal.AppendObservation("room-2", fx.Obs(i));
        }

        await journal.FlushAsync();
        Assert.True(forwarder.CheckBacklog().IsFilling);
        Assert.Equal(new[] { true, false, true }, events.Select(e => e.IsFilling));
    }

    [Fact]
    public async Task Retention_never_deletes_unforwarded_observations()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        var forwarder = Forwarder(journal, fx, new InfluxForwarderOptions { Retention = TimeSpan.FromDays(1) });
        for (var i = 0; i < 10; i++)
        {
            journal.AppendObservation("room-1", fx.Obs(i));
        }

        await journal.FlushAsync();
        await journal.AdvanceCursorAsync("influx", "room-1", 4);
        fx.Time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(4, await forwarder.ApplyRetentionAsync());
        Assert.Equal(6, journal.ReadObservations("room-1", 0, 100).Count);
        Assert.Equal(0, await forwarder.ApplyRetentionAsync());
    }
}

using KapMonitor.Core.Observations;
using KapMonitor.Testing.Peers;
using Xunit.Abstractions;

namespace KapMonitor.Storage.Tests;

/// <summary>Store-and-forward against a real influxd 1.6 (Debian package influxdb).</summary>
public sealed class InfluxForwarderTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Forwards_N_observations_as_exactly_N_points()
    {
        await using var fx = await InfluxForwarderFixture.StartAsync(output);
        await using var journal = fx.Journal.Open();
        InfluxForwarderFixture.AppendMany(journal, fx.Journal.Time.GetUtcNow(), 2000);
        journal.AppendStatus("room-1", new DeviceStatusEvent("ox-1", DeviceCondition.ProbeOff, true, fx.Journal.Time.GetUtcNow()));
        await journal.AppendClinicalAsync("room-1", "alarm", fx.Journal.Time.GetUtcNow(), """{"rule":"spo2-low"}""", "s-1");
        await journal.FlushAsync();
        var forwarder = fx.Forwarder(journal);

        var pass = await forwarder.ForwardOnceAsync();

        Assert.Equal(ForwardPassStatus.CaughtUp, pass.Status);
        Assert.Equal(2002, pass.PointsSent);
        Assert.Equal(2000, await fx.CountVitalsAsync());
        Assert.Equal(1800, await fx.Influx.CountAsync(InfluxForwarderFixture.Database, "vitals", "value"));
        Assert.Equal(1, await fx.Influx.CountAsync(InfluxForwarderFixture.Database, "device_status", "seq"));
        Assert.Equal(1, await fx.Influx.CountAsync(InfluxForwarderFixture.Database, "clinical", "seq"));
        Assert.Equal(journal.LastSeq("room-1"), journal.GetCursor("influx", "room-1"));
        Assert.Equal(journal.LastSeq("room-2"), journal.GetCursor("influx", "room-2"));
        fx.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task Replay_after_cursor_reset_is_idempotent()
    {
        await using var fx = await InfluxForwarderFixture.StartAsync(output);
        await using var journal = fx.Journal.Open();
        InfluxForwarderFixture.AppendMany(journal, fx.Journal.Time.GetUtcNow(), 1500);
        await journal.FlushAsync();
        var forwarder = fx.Forwarder(journal);
        await forwarder.ForwardOnceAsync();

        await journal.ResetCursorAsync("influx", "room-1", 0);
        await journal.ResetCursorAsync("influx", "room-2", 0);
        var replay = await forwarder.ForwardOnceAsync();

        Assert.Equal(1500, replay.PointsSent);
        Assert.Equal(1500, await fx.CountVitalsAsync());
        fx.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task Outage_keeps_data_in_the_journal_and_delivers_each_once_when_back()
    {
        await using var fx = await InfluxForwarderFixture.StartAsync(output);
        await using var journal = fx.Journal.Open();
        var forwarder = fx.Forwarder(journal);
        var start = fx.Journal.Time.GetUtcNow();
        InfluxForwarderFixture.AppendMany(journal, start, 500);
        await journal.FlushAsync();
        Assert.Equal(ForwardPassStatus.CaughtUp, (await forwarder.ForwardOnceAsync()).Status);

        await fx.Influx.StopAsync();
        InfluxForwarderFixture.AppendMany(journal, start, 700, offset: 500);
        await journal.FlushAsync();
        var cursorBefore = journal.GetCursor("influx", "room-1");
        var down = await forwarder.ForwardOnceAsync();
        Assert.Equal(ForwardPassStatus.Deferred, down.Status);
        Assert.Equal(cursorBefore, journal.GetCursor("influx", "room-1"));
        Assert.Equal(700, forwarder.CheckBacklog().UnforwardedObservations);

        await fx.Influx.StartAsync();
        InfluxForwarderFixture.AppendMany(journal, start, 300, offset: 1200);
        await journal.FlushAsync();
        var back = await forwarder.ForwardOnceAsync();

        Assert.Equal(ForwardPassStatus.CaughtUp, back.Status);
        Assert.Equal(1000, back.PointsSent);
        Assert.Equal(1500, await fx.CountVitalsAsync());
        Assert.Equal(0, forwarder.CheckBacklog().UnforwardedObservations);
        fx.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task Background_loop_rides_through_an_influxd_restart_during_a_live_stream()
    {
        await using var fx = await InfluxForwarderFixture.StartAsync(output);
        await using var journal = fx.Journal.Open(time: TimeProvider.System);
        var options = new InfluxForwarderOptions
        {
            BatchSize = 400,
            PollInterval = TimeSpan.FromMilliseconds(50),
            InitialRetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        };
        var forwarder = fx.Forwarder(journal, options, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        await forwarder.StartAsync(stop.Token);

        const int Total = 3000;
        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < Total; i += 30)
            {
                InfluxForwarderFixture.AppendMany(journal, DateTimeOffset.UtcNow, 30, i);
                await Task.Delay(5);
            }
        });

        try
        {
            await WaitUntilAsync(async () => await fx.CountVitalsAsync() > 300, "first points to arrive");
            await fx.Influx.StopAsync();
            await WaitUntilAsync(() => Task.FromResult(fx.Logs.Entries.Any(e => e.Message.StartsWith("InfluxDB unavailable", StringComparison.Ordinal))), "the forwarder to meet the outage");
            await fx.Influx.StartAsync();
            await producer;
            await journal.FlushAsync();

            await WaitUntilAsync(async () => await fx.CountVitalsAsync() >= Total, "every observation to arrive");
        }
        finally
        {
            await forwarder.StopAsync(CancellationToken.None);
        }
        Assert.Equal(Total, await fx.CountVitalsAsync());
        fx.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task A_burst_of_records_starts_a_pass_before_the_poll_interval()
    {
        await using var fx = await InfluxForwarderFixture.StartAsync(output);
        await using var journal = fx.Journal.Open(time: TimeProvider.System);
        // The forwarder's clock never moves, so only the burst can start its second pass.
        var forwarder = fx.Forwarder(journal, new InfluxForwarderOptions { PollInterval = TimeSpan.FromHours(1), EagerRecords = 50 });
        await forwarder.StartAsync(CancellationToken.None);
        try
        {
            InfluxForwarderFixture.AppendMany(journal, DateTimeOffset.UtcNow, 60);
            await journal.FlushAsync();
            await WaitUntilAsync(async () => await fx.CountVitalsAsync() >= 60, "the first records (first pass or burst)");

            // Committed after a pass read the first ones, so only a pass started by this burst can carry them.
            InfluxForwarderFixture.AppendMany(journal, DateTimeOffset.UtcNow, 60, offset: 60);
            await journal.FlushAsync();
            await WaitUntilAsync(async () => await fx.CountVitalsAsync() >= 120, "the burst to be forwarded");
        }
        finally
        {
            await forwarder.StopAsync(CancellationToken.None);
        }

        Assert.Equal(120, await fx.CountVitalsAsync());
        fx.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task Missing_database_stops_forwarding_without_moving_the_cursor()
    {
        await using var fx = await InfluxForwarderFixture.StartAsync(output, createDatabase: false);
        fx.Logs.ExpectErrorContaining("database not found");
        fx.Logs.ExpectErrorContaining("InfluxDB forwarding stopped");
        await using var journal = fx.Journal.Open();
        InfluxForwarderFixture.AppendMany(journal, fx.Journal.Time.GetUtcNow(), 100);
        await journal.FlushAsync();
        var forwarder = fx.Forwarder(journal);

        var failed = await forwarder.ForwardOnceAsync();
        Assert.Equal(ForwardPassStatus.Failed, failed.Status);
        Assert.Equal(0, journal.GetCursor("influx", "room-1"));

        await fx.Influx.CreateDatabaseAsync(InfluxForwarderFixture.Database);
        Assert.Equal(ForwardPassStatus.CaughtUp, (await forwarder.ForwardOnceAsync()).Status);
        Assert.Equal(100, await fx.CountVitalsAsync());
        fx.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task Background_loop_raises_the_buffer_alarm_while_misconfigured_and_resumes_once_fixed()
    {
        await using var fx = await InfluxForwarderFixture.StartAsync(output, createDatabase: false);
        fx.Logs.ExpectErrorContaining("database not found");
        fx.Logs.ExpectErrorContaining("InfluxDB forwarding stopped");
        await using var journal = fx.Journal.Open(time: TimeProvider.System);
        var options = new InfluxForwarderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(50),
            InitialRetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            BacklogAlarmCount = 50,
            BacklogCheckInterval = TimeSpan.FromMilliseconds(50),
        };
        var forwarder = fx.Forwarder(journal, options, TimeProvider.System);
        var states = new System.Collections.Concurrent.ConcurrentQueue<BufferState>();
        forwarder.BufferStateChanged += (_, s) => states.Enqueue(s);
        await forwarder.StartAsync(CancellationToken.None);

        InfluxForwarderFixture.AppendMany(journal, DateTimeOffset.UtcNow, 200);
        await journal.FlushAsync();
        try
        {
            await WaitUntilAsync(() => Task.FromResult(states.Any(s => s.IsFilling)), "the buffer-filling event");
            Assert.Equal(0, journal.GetCursor("influx", "room-1"));

            await fx.Influx.CreateDatabaseAsync(InfluxForwarderFixture.Database);
            await WaitUntilAsync(async () => await fx.CountVitalsAsync() == 200 && states.LastOrDefault() is { IsFilling: false }, "delivery and the all-clear");
        }
        finally
        {
            await forwarder.StopAsync(CancellationToken.None);
        }
        Assert.Equal(200, states.First(s => s.IsFilling).UnforwardedObservations);
        fx.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task Refused_credentials_stop_forwarding_without_moving_the_cursor()
    {
        await using var fx = await InfluxForwarderFixture.StartAsync(output, new InfluxFixtureOptions { AuthEnabled = true }, createDatabase: false);
        fx.Logs.ExpectErrorContaining("authorization failed");
        fx.Logs.ExpectErrorContaining("InfluxDB forwarding stopped");
        await using var journal = fx.Journal.Open();
        InfluxForwarderFixture.AppendMany(journal, fx.Journal.Time.GetUtcNow(), 100);
        await journal.FlushAsync();

        var failed = await fx.Forwarder(journal, password: "wrong-password").ForwardOnceAsync();

        Assert.Equal(ForwardPassStatus.Failed, failed.Status);
        Assert.Equal(0, journal.GetCursor("influx", "room-1"));
        Assert.Equal(100, journal.GetBacklog("influx").Sum(b => b.Count));
        fx.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task Points_the_server_refuses_are_skipped_and_the_cursor_moves_on()
    {
        await using var fx = await InfluxForwarderFixture.StartAsync(output);
        await using var journal = fx.Journal.Open();
        var at = fx.Journal.Time.GetUtcNow();
        // Make original_unit an integer field in this shard: our string original_unit then conflicts (observed on InfluxDB 1.6.7).
        using (var client = new KapMonitor.Influx.InfluxWriteClient(KapMonitor.Influx.InfluxEndpoint.ForV1(fx.Influx.Url, InfluxForwarderFixture.Database)))
        {
            var outcome = await client.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"vitals,device=x,metric=spo2,room=x original_unit=5i {InfluxPointFormatter.Timestamp(at, 0)}\n"));
            Assert.True(outcome.IsSuccess, outcome.Message);
        }

        for (var i = 0; i < 100; i++)
        {
            var o = new Observation("cuff-1", Metric.Systolic, 120, Validity.Valid, i % 10 == 0 ? ObservationFlags.Converted : ObservationFlags.None, at.AddSeconds(i));
            journal.AppendObservation("room-1", i % 10 == 0 ? o with { OriginalValue = 16, OriginalUnit = "kPa" } : o);
        }

        await journal.FlushAsync();
        var pass = await fx.Forwarder(journal).ForwardOnceAsync();

        Assert.Equal(ForwardPassStatus.CaughtUp, pass.Status);
        Assert.Equal(100, journal.GetCursor("influx", "room-1"));
        Assert.Equal(90, await fx.Influx.CountAsync(InfluxForwarderFixture.Database, "vitals", "value"));
        Assert.Contains(fx.Logs.Entries, e => e.Message.Contains("skipped", StringComparison.Ordinal));
        Assert.Equal(10, pass.PointsRefused);
        Assert.Equal(90, pass.PointsSent);
        fx.Logs.AssertNoErrors();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }
}

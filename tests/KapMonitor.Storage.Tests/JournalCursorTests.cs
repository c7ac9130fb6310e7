namespace KapMonitor.Storage.Tests;

public sealed class JournalCursorTests
{
    [Fact]
    public async Task Cursor_starts_at_zero_and_persists_across_reopen()
    {
        await using var fx = new JournalFixture();
        await using (var journal = fx.Open())
        {
            Assert.Equal(0, journal.GetCursor("influx", "room-1"));
            await journal.AdvanceCursorAsync("influx", "room-1", 42);
            await journal.AdvanceCursorAsync("mqtt", "room-1", 7);
        }

        await using var reopened = fx.Open();
        Assert.Equal(42, reopened.GetCursor("influx", "room-1"));
        Assert.Equal(7, reopened.GetCursor("mqtt", "room-1"));
        Assert.Equal(0, reopened.GetCursor("influx", "room-2"));
    }

    [Fact]
    public async Task Advance_never_moves_backward_but_reset_does()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        await journal.AdvanceCursorAsync("influx", "room-1", 10);
        await journal.AdvanceCursorAsync("influx", "room-1", 5);
        Assert.Equal(10, journal.GetCursor("influx", "room-1"));
        await journal.ResetCursorAsync("influx", "room-1", 0);
        Assert.Equal(0, journal.GetCursor("influx", "room-1"));
    }

    [Fact]
    public async Task Outbox_returns_clinical_records_after_the_cursor_in_order()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        journal.AppendObservation("room-1", fx.Obs(97));
        var a = await journal.AppendClinicalAsync("room-1", "alarm", fx.Time.GetUtcNow(), """{"n":1}""");
        journal.AppendObservation("room-1", fx.Obs(98));
        var b = await journal.AppendClinicalAsync("room-1", "ack", fx.Time.GetUtcNow(), """{"n":2}""");
        var c = await journal.AppendClinicalAsync("room-1", "discharge", fx.Time.GetUtcNow(), """{"n":3}""");

        Assert.Equal(new[] { a.Seq, b.Seq, c.Seq }, journal.ReadOutbox("room-1", 0, 10).Select(r => r.Seq));
        Assert.Equal(new[] { c.Seq }, journal.ReadOutbox("room-1", b.Seq, 10).Select(r => r.Seq));
        Assert.Equal(new[] { a.Seq }, journal.ReadOutbox("room-1", 0, 1).Select(r => r.Seq));
    }

    [Fact]
    public async Task Page_is_trimmed_so_it_has_no_holes()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        for (var i = 0; i < 10; i++)
        {
            journal.AppendObservation("room-1", fx.Obs(i));
        }

        await journal.AppendClinicalAsync("room-1", "alarm", fx.Time.GetUtcNow(), "{}");
        await journal.FlushAsync();

        var page = journal.ReadPage("room-1", 0, 4);
        Assert.Equal(4, page.UpToSeq);
        Assert.Equal(4, page.Observations.Count);
        Assert.Empty(page.ClinicalRecords);

        var rest = journal.ReadPage("room-1", 8, 4);
        Assert.Equal(11, rest.UpToSeq);
        Assert.Equal(2, rest.Observations.Count);
        Assert.Single(rest.ClinicalRecords);
    }

    [Fact]
    public async Task Retention_deletes_only_old_forwarded_observations()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        for (var i = 0; i < 10; i++)
        {
            journal.AppendObservation("room-1", fx.Obs(i, secondsOffset: i));
        }

        await journal.AppendClinicalAsync("room-1", "alarm", fx.Time.GetUtcNow(), "{}");
        await journal.FlushAsync();
        await journal.AdvanceCursorAsync("influx", "room-1", 6);

        // Everything older than +8 s; only seq 1..6 were forwarded.
        var deleted = await journal.DeleteForwardedAsync(["influx"], fx.Time.GetUtcNow().AddSeconds(8));
        Assert.Equal(6, deleted);
        Assert.Equal(new long[] { 7, 8, 9, 10 }, journal.ReadObservations("room-1", 0, 100).Select(o => o.Seq));
        Assert.Single(journal.ReadClinical("room-1", 0, 100));

        var backlog = Assert.Single(journal.GetBacklog("influx"));
        Assert.Equal(4, backlog.Count);
        Assert.Equal(fx.Time.GetUtcNow().AddSeconds(6), backlog.OldestReceivedAt);
    }

    [Fact]
    public async Task Retention_with_two_forwarders_waits_for_the_slower()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        for (var i = 0; i < 10; i++)
        {
            journal.AppendObservation("room-1", fx.Obs(i));
        }

        await journal.FlushAsync();
        await journal.AdvanceCursorAsync("influx", "room-1", 8);
        await journal.AdvanceCursorAsync("archive", "room-1", 3);
        Assert.Equal(3, await journal.DeleteForwardedAsync(["influx", "archive"], fx.Time.GetUtcNow().AddDays(1)));
    }
}

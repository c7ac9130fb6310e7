using KapMonitor.Core.Observations;

namespace KapMonitor.Storage.Tests;

public sealed class JournalDurabilityTests
{
    [Fact]
    public async Task Observations_wait_for_the_group_commit_window_then_commit_together()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        for (var i = 0; i < 3; i++)
        {
            journal.AppendObservation("room-1", fx.Obs(90 + i));
        }

        // The manual clock has not moved: the window cannot have elapsed, so nothing is committed yet.
        Assert.Empty(journal.ReadObservations("room-1", 0, 10));

        await fx.AdvanceUntilAsync(() => journal.ReadObservations("room-1", 0, 10).Count > 0, TimeSpan.FromMilliseconds(100));
        Assert.Equal(3, journal.ReadObservations("room-1", 0, 10).Count);
    }

    [Fact]
    public async Task Full_batch_commits_without_waiting_for_the_window()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open(maxBatch: 10);
        for (var i = 0; i < 25; i++)
        {
            journal.AppendObservation("room-1", fx.Obs(i));
        }

        // No clock movement at all: only the batch-size trigger can commit.
        await fx.AdvanceUntilAsync(() => journal.ReadObservations("room-1", 0, 100).Count >= 20, TimeSpan.Zero);
    }

    [Fact]
    public async Task Flush_commits_everything_appended_before_it()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        for (var i = 0; i < 1000; i++)
        {
            journal.AppendObservation($"room-{i % 3}", fx.Obs(i));
        }

        await journal.FlushAsync();
        Assert.Equal(1000, journal.Rooms().Sum(r => journal.ReadObservations(r, 0, 10_000).Count));
    }

    [Fact]
    public async Task Clinical_record_is_on_disk_when_the_append_returns()
    {
        await using var fx = new JournalFixture();
        var journal = fx.Open();
        var record = await journal.AppendClinicalAsync("room-1", "alarm", fx.Time.GetUtcNow(), """{"rule":"spo2-low","state":"active"}""");

        // Simulated power cut right after the call returned: no flush, no dispose.
        await journal.AbandonAsync();

        await using var reopened = fx.Open();
        var read = Assert.Single(reopened.ReadClinical("room-1", 0, 10));
        Assert.Equal(record.Seq, read.Seq);
        Assert.Equal(record.HashHex, read.HashHex);
    }

    [Fact]
    public async Task Crash_keeps_what_was_committed_loses_only_pending_and_continues_the_sequence()
    {
        await using var fx = new JournalFixture();
        var journal = fx.Open();
        for (var i = 0; i < 10; i++)
        {
            journal.AppendObservation("room-1", fx.Obs(i));
        }

        await journal.FlushAsync();
        var clinical = await journal.AppendClinicalAsync("room-1", "dose", fx.Time.GetUtcNow(), """{"mg":20}""");
        for (var i = 0; i < 5; i++)
        {
            journal.AppendObservation("room-1", fx.Obs(100 + i)); // pending: the clock never reaches the window
        }

        await journal.AbandonAsync();

        await using var reopened = fx.Open();
        var observations = reopened.ReadObservations("room-1", 0, 100);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), observations.Select(o => o.Seq));
        Assert.Equal(11, Assert.Single(reopened.ReadClinical("room-1", 0, 10)).Seq);
        Assert.Equal(11, clinical.Seq);
        Assert.Equal(12, reopened.AppendObservation("room-1", fx.Obs(1)));
        await reopened.FlushAsync();
        Assert.Equal(11, reopened.ReadObservations("room-1", 0, 100).Count);
        Assert.True(AuditVerifier.Verify(fx.PathName).IsIntact);
    }

    [Fact]
    public async Task Chain_continues_across_reopen()
    {
        await using var fx = new JournalFixture();
        await using (var journal = fx.Open())
        {
            await journal.AppendClinicalAsync("room-1", "session-start", fx.Time.GetUtcNow(), "{}");
        }

        await using (var journal = fx.Open())
        {
            var second = await journal.AppendClinicalAsync("room-1", "session-end", fx.Time.GetUtcNow(), "{}");
            var first = journal.ReadClinical("room-1", 0, 1)[0];
            Assert.True(second.PrevHash.Span.SequenceEqual(first.Hash.Span));
        }

        Assert.True(AuditVerifier.Verify(fx.PathName).IsIntact);
    }

    [Fact]
    public async Task Concurrent_appenders_never_leave_a_hole_below_a_visible_seq()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open(maxBatch: 64, window: TimeSpan.Zero);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                if (i % 100 == 0)
                {
                    await journal.AppendClinicalAsync("room-1", "user-action", fx.Time.GetUtcNow(), "{}");
                }
                else
                {
                    journal.AppendObservation("room-1", fx.Obs(i, device: $"dev-{w}"));
                }
            }
        })).ToArray();

        // A reader that moves a cursor over what it sees must never skip a record.
        long cursor = 0;
        var seen = new HashSet<long>();
        while (!writers.All(t => t.IsCompleted) || cursor < journal.LastSeq("room-1"))
        {
            var page = journal.ReadPage("room-1", cursor, 50);
            foreach (var seq in page.Observations.Select(o => o.Seq).Concat(page.ClinicalRecords.Select(c => c.Seq)))
            {
                Assert.True(seen.Add(seq));
            }

            cursor = page.UpToSeq;
            await Task.Yield();
        }

        await Task.WhenAll(writers);
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (long)i), seen.Order());
    }
}

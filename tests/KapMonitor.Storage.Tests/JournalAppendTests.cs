using KapMonitor.Core.Observations;

namespace KapMonitor.Storage.Tests;

public sealed class JournalAppendTests
{
    [Fact]
    public async Task Clinical_records_appended_together_take_consecutive_seqs_in_one_verified_chain()
    {
        await using var fx = new JournalFixture();
        await using (var journal = fx.Open())
        {
            var at = fx.Time.GetUtcNow();
            journal.AppendObservation("room-1", fx.Obs(97));
            var single = await journal.AppendClinicalAsync("room-1", "decision", at, """{"n":0}""", "s-1");
            var together = await journal.AppendClinicalAsync("room-1", [
                new ClinicalRecordDraft("decision", at.AddSeconds(1), """{"n":1}""", "s-1"),
                new ClinicalRecordDraft("decision", at.AddSeconds(1), """{"n":2}""", "s-1"),
                new ClinicalRecordDraft("sessionState", at.AddSeconds(2), """{"phase":"dosed"}""", "s-1"),
            ]);
            journal.AppendObservation("room-1", fx.Obs(96));
            await journal.FlushAsync();

            Assert.Equal([2L, 3L, 4L, 5L], [single.Seq, .. together.Select(r => r.Seq)]);
            Assert.Equal(["""{"n":1}""", """{"n":2}""", """{"phase":"dosed"}"""], together.Select(r => r.PayloadJson));
            Assert.Equal(single.Hash.ToArray(), together[0].PrevHash.ToArray());
            Assert.Equal(together[1].Hash.ToArray(), together[2].PrevHash.ToArray());
            Assert.Equal(6, journal.LastSeq("room-1"));
            Assert.Equal([2L, 3L, 4L, 5L], journal.ReadClinical("room-1", 0, 10).Select(r => r.Seq));
        }

        var audit = AuditVerifier.Verify(fx.PathName);
        Assert.True(audit.IsIntact);
        Assert.Equal(4, audit.Records);
    }

    [Fact]
    public async Task A_clinical_batch_with_a_bad_payload_is_refused_whole()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();

        await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendClinicalAsync("room-1", [
            new ClinicalRecordDraft("decision", fx.Time.GetUtcNow(), """{"n":1}"""),
            new ClinicalRecordDraft("decision", fx.Time.GetUtcNow(), "not json"),
        ]));

        Assert.Equal(0, journal.LastSeq("room-1"));
    }

    [Fact]
    public async Task Observation_round_trips_every_field_including_NaN_and_originals()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        var at = fx.Time.GetUtcNow();
        var full = new Observation("cuff-1", Metric.Systolic, 120.5, Validity.Questionable, ObservationFlags.Converted | ObservationFlags.BodyMovement,
            at, at.AddSeconds(-3), 16.07, "kPa");
        var invalid = Observation.Invalid("ox-1", Metric.Spo2, ObservationFlags.ProbeOff, at.AddTicks(1));

        var s1 = journal.AppendObservation("room-1", full);
        var s2 = journal.AppendObservation("room-1", invalid);
        await journal.FlushAsync();

        var read = journal.ReadObservations("room-1", 0, 10);
        Assert.Equal(new[] { s1, s2 }, read.Select(r => r.Seq));
        Assert.Equal(full, read[0].Observation);
        Assert.True(double.IsNaN(read[1].Observation.Value));
        Assert.Equal(invalid with { Value = 0 }, read[1].Observation with { Value = 0 });
    }

    [Fact]
    public async Task Status_events_round_trip()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        var ev = new DeviceStatusEvent("cuff-1", DeviceCondition.NibpFailed, true, fx.Time.GetUtcNow(), 7, "cuff over-pressure");
        var seq = journal.AppendStatus("room-2", ev);
        await journal.FlushAsync();

        var read = Assert.Single(journal.ReadStatusEvents("room-2", 0, 10));
        Assert.Equal(seq, read.Seq);
        Assert.Equal(ev, read.Status);
    }

    [Fact]
    public async Task Sequence_is_per_room_and_shared_across_record_types()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        var a1 = journal.AppendObservation("a", fx.Obs(97));
        var b1 = journal.AppendObservation("b", fx.Obs(96));
        var a2 = journal.AppendStatus("a", new DeviceStatusEvent("ox-1", DeviceCondition.ProbeOff, true, fx.Time.GetUtcNow()));
        var a3 = (await journal.AppendClinicalAsync("a", "alarm", fx.Time.GetUtcNow(), """{"rule":"spo2-low"}""")).Seq;
        var a4 = journal.AppendObservation("a", fx.Obs(95));

        Assert.Equal(new long[] { 1, 2, 3, 4 }, new[] { a1, a2, a3, a4 });
        Assert.Equal(1, b1);
        Assert.Equal(4, journal.LastSeq("a"));
    }

    [Fact]
    public async Task Sequence_continues_from_the_maximum_after_reopen()
    {
        await using var fx = new JournalFixture();
        await using (var journal = fx.Open())
        {
            for (var i = 0; i < 5; i++)
            {
                journal.AppendObservation("room-1", fx.Obs(90 + i));
            }

            await journal.AppendClinicalAsync("room-1", "session-start", fx.Time.GetUtcNow(), "{}", "s-1");
        }

        await using var reopened = fx.Open();
        Assert.Equal(6, reopened.LastSeq("room-1"));
        Assert.Equal(7, reopened.AppendObservation("room-1", fx.Obs(99)));
        Assert.Equal(1, reopened.AppendObservation("room-9", fx.Obs(99)));
    }

    [Fact]
    public async Task Sequence_survives_retention_deleting_every_row()
    {
        await using var fx = new JournalFixture();
        await using (var journal = fx.Open())
        {
            journal.AppendObservation("room-1", fx.Obs(97));
            journal.AppendObservation("room-1", fx.Obs(98));
            await journal.FlushAsync();
            await journal.AdvanceCursorAsync("influx", "room-1", 2);
            fx.Time.Advance(TimeSpan.FromDays(10));
            Assert.Equal(2, await journal.DeleteForwardedAsync(["influx"], fx.Time.GetUtcNow().AddDays(-1)));
        }

        await using var reopened = fx.Open();
        Assert.Equal(3, reopened.AppendObservation("room-1", fx.Obs(99)));
    }

    [Fact]
    public async Task Dispose_flushes_pending_observations()
    {
        await using var fx = new JournalFixture();
        await using (var journal = fx.Open())
        {
            for (var i = 0; i < 100; i++)
            {
                journal.AppendObservation("room-1", fx.Obs(i));
            }
        }

        await using var reopened = fx.Open();
        Assert.Equal(100, reopened.ReadObservations("room-1", 0, 1000).Count);
    }

    [Fact]
    public async Task Invalid_clinical_payload_is_refused()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        Assert.Throws<ArgumentException>(() => { _ = journal.AppendClinicalAsync("room-1", "ack", fx.Time.GetUtcNow(), "{not json"); });
    }

    [Fact]
    public async Task Session_records_are_read_by_session_id()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        await journal.AppendClinicalAsync("room-1", "session-start", fx.Time.GetUtcNow(), """{"patient":"p1"}""", "s-1");
        await journal.AppendClinicalAsync("room-1", "dose", fx.Time.GetUtcNow(), """{"mg":25}""", "s-1");
        await journal.AppendClinicalAsync("room-1", "session-start", fx.Time.GetUtcNow(), """{"patient":"p2"}""", "s-2");

        var session = journal.ReadSession("s-1");
        Assert.Equal(new[] { "session-start", "dose" }, session.Select(r => r.Kind));
    }
}

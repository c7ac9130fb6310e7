using KapMonitor.Core.Observations;

namespace KapMonitor.Storage.Tests;

/// <summary>
/// The in-memory window of recent commits must be invisible: every page it serves is the page the database
/// would have served, whatever the mix of records, kinds, page sizes and positions.
/// </summary>
public sealed class JournalRecentRecordsTests
{
    private static readonly string[] s_rooms = ["room-1", "room-2"];

    [Theory]
    [InlineData(16384)]
    [InlineData(37)]
    public async Task Pages_from_memory_equal_pages_from_the_database(int window)
    {
        await using var fx = new JournalFixture();
        await using var journal = Journal.Open(new JournalOptions { Path = fx.PathName, RecentRecordsPerRoom = window }, fx.Time);
        var random = new Random(window);
        await AppendMixAsync(journal, fx, random, 400);

        for (var i = 0; i < 500; i++)
        {
            var room = s_rooms[random.Next(s_rooms.Length)];
            var after = random.Next(0, (int)journal.LastSeq(room) + 3);
            var max = random.Next(1, 60);
            var kinds = (JournalRecordKinds)random.Next(1, 8);

            AssertSamePage(journal.ReadPageFromDatabase(room, after, max, kinds), journal.ReadPage(room, after, max, kinds));
        }
    }

    [Fact]
    public async Task Retention_empties_the_window_so_deleted_rows_are_never_served()
    {
        await using var fx = new JournalFixture();
        await using var journal = fx.Open();
        for (var i = 0; i < 20; i++)
        {
            journal.AppendObservation("room-1", fx.Obs(90 + i));
        }

        await journal.FlushAsync();
        await journal.AdvanceCursorAsync("influx", "room-1", 20);
        fx.Time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(20, await journal.DeleteForwardedAsync(["influx"], fx.Time.GetUtcNow().AddDays(-1)));

        var page = journal.ReadPage("room-1", 0, 100);
        Assert.Empty(page.Observations);
        Assert.Equal(20, page.UpToSeq);

        // The window starts again at the next commit and serves from there.
        journal.AppendObservation("room-1", fx.Obs(97));
        await journal.FlushAsync();
        AssertSamePage(journal.ReadPageFromDatabase("room-1", 20, 100, JournalRecordKinds.All), journal.ReadPage("room-1", 20, 100));
    }

    private static async Task AppendMixAsync(Journal journal, JournalFixture fx, Random random, int count)
    {
        var offset = TimeSpan.FromHours(random.Next(-12, 13));
        for (var i = 0; i < count; i++)
        {
            var room = s_rooms[random.Next(s_rooms.Length)];
            fx.Time.Advance(TimeSpan.FromTicks(random.Next(1, 20_000_000)));
            var now = fx.Time.GetUtcNow().ToOffset(offset);
            switch (random.Next(10))
            {
                case < 7:
                    // Values and times the database stores differently from memory: non-finite values and local offsets.
                    double[] odd = [double.NaN, double.PositiveInfinity, 97.25, -0.0];
                    var value = random.Next(5) == 0 ? odd[random.Next(odd.Length)] : random.Next(40, 200);
                    journal.AppendObservation(room, new Observation(
                        "dev-" + random.Next(3),
                        (Metric)random.Next(1, 5),
                        value,
                        (Validity)random.Next(0, 3),
                        (ObservationFlags)(uint)random.Next(0, 1 << 10),
                        now,
                        random.Next(2) == 0 ? now.AddMilliseconds(-random.Next(1000)) : null,
                        random.Next(3) == 0 ? (random.Next(2) == 0 ? double.NaN : 12.5) : null,
                        random.Next(3) == 0 ? "kPa" : null));
                    break;
                case < 9:
                    journal.AppendStatus(room, new DeviceStatusEvent("dev-" + random.Next(3), (DeviceCondition)random.Next(0, 3), random.Next(2) == 0, now, random.Next(100), random.Next(2) == 0 ? "detail" : null));
                    break;
                default:
                    await journal.AppendClinicalAsync(room, "decision", now, $$"""{"n":{{i}}}""", random.Next(2) == 0 ? "s-1" : null);
                    break;
            }

            if (random.Next(25) == 0)
            {
                await journal.FlushAsync();
            }
        }

        await journal.FlushAsync();
    }

    private static void AssertSamePage(JournalPage expected, JournalPage actual)
    {
        Assert.Equal(expected.Room, actual.Room);
        Assert.Equal(expected.UpToSeq, actual.UpToSeq);
        Assert.Equal(expected.Observations, actual.Observations);
        Assert.Equal(expected.StatusEvents, actual.StatusEvents);
        Assert.Equal(expected.ClinicalRecords.Count, actual.ClinicalRecords.Count);
        foreach (var (e, a) in expected.ClinicalRecords.Zip(actual.ClinicalRecords))
        {
            Assert.Equal((e.Room, e.Seq, e.Kind, e.At, e.SessionId, e.PayloadJson), (a.Room, a.Seq, a.Kind, a.At, a.SessionId, a.PayloadJson));
            Assert.Equal(e.PrevHash.ToArray(), a.PrevHash.ToArray());
            Assert.Equal(e.Hash.ToArray(), a.Hash.ToArray());
        }
    }
}

using System.Text;
using KapMonitor.Testing.Peers;

namespace KapMonitor.Influx.Tests.Integration;

/// <summary>Against a real influxd 1.6 (Debian package influxdb) started on free loopback ports.</summary>
public sealed class RealInfluxdWriteTests(SharedInfluxd server) : IClassFixture<SharedInfluxd>
{
    private InfluxFixture Influx => server.Influx;

    private async Task<InfluxEndpoint> NewDatabaseAsync(string name, InfluxPrecision precision = InfluxPrecision.Seconds)
    {
        await Influx.CreateDatabaseAsync(name);
        return InfluxEndpoint.ForV1(Influx.Url, name) with { Precision = precision };
    }

    private static byte[] Encode(InfluxPrecision precision, Action<LineProtocolWriter> build)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new LineProtocolWriter(buffer, precision))
        {
            build(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Fixture_binds_every_listener_to_loopback_free_ports_never_the_defaults()
    {
        string config = File.ReadAllText(Influx.ConfigPath);

        Assert.Contains($"bind-address = \"127.0.0.1:{Influx.RpcPort}\"", config, StringComparison.Ordinal);
        Assert.Contains($"bind-address = \"127.0.0.1:{Influx.HttpPort}\"", config, StringComparison.Ordinal);
        Assert.Contains("reporting-disabled = true", config, StringComparison.Ordinal);
        Assert.DoesNotContain(":8086", config, StringComparison.Ordinal);
        Assert.DoesNotContain(":8088", config, StringComparison.Ordinal);
        Assert.All(new[] { "meta", "data", "wal" }, d => Assert.Contains($"\"{Influx.DataDirectory}/{d}\"", config, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ping_reports_influxd_1_6()
    {
        using var client = new InfluxWriteClient(InfluxEndpoint.ForV1(Influx.Url, "any"));
        InfluxPingResult ping = await client.PingAsync();

        Assert.True(ping.IsHealthy, ping.Message);
        Assert.Equal(204, ping.StatusCode);
        Assert.StartsWith("1.6", ping.Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Written_points_are_counted_back_including_the_escaping_example()
    {
        InfluxEndpoint endpoint = await NewDatabaseAsync("writes");
        byte[] lines = Encode(InfluxPrecision.Seconds, w =>
        {
            for (int i = 0; i < 50; i++)
            {
                w.Measurement("vitals").Tag("bed", "3").Tag("device", "nonin 3150").Field("spo2", 90L + (i % 10)).Field("pi", 1.5).EndLine(1700000000 + i);
            }

            w.Measurement("my meas,x").Tag("ta g=k", "v,a l=u").Field("fi eld=k", "say \"hi\" \\ done").Field("n", -5L).Field("b", true).EndLine(1700000100);
        });
        using var client = new InfluxWriteClient(endpoint);

        WriteOutcome outcome = await client.WriteAsync(lines);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Equal(50, await Influx.CountAsync("writes", "vitals", "spo2"));
        var rows = await Influx.RowsAsync("SELECT \"fi eld=k\", \"ta g=k\", n, b FROM \"my meas,x\"", "writes");
        var row = Assert.Single(rows);
        Assert.Equal("say \"hi\" \\ done", row[1].GetString());
        Assert.Equal("v,a l=u", row[2].GetString());
        Assert.Equal(-5, row[3].GetInt64());
        Assert.True(row[4].GetBoolean());
    }

    [Fact]
    public async Task Awkward_but_accepted_names_are_stored_exactly_as_written()
    {
        // Characters the escaping table leaves alone (=, " and backslashes before ordinary characters) must
        // reach influxd 1.6 unchanged; this pins the writer's rules to the real parser.
        const string measurement = "a=b\"c";
        const string tagKey = "k\"ey";
        const string tagValue = "C:\\dir\\x=1";
        const string fieldKey = "f\"q";
        const string text = "quote \" and \\ and , = and 😀";
        InfluxEndpoint endpoint = await NewDatabaseAsync("awkward");
        byte[] lines = Encode(InfluxPrecision.Seconds, w => w.Measurement(measurement).Tag(tagKey, tagValue).Field(fieldKey, text).EndLine(1700000000));
        using var client = new InfluxWriteClient(endpoint);

        WriteOutcome outcome = await client.WriteAsync(lines);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        using var document = await Influx.QueryAsync("SELECT * FROM /.*/", "awkward");
        var series = Assert.Single(document.RootElement.GetProperty("results")[0].GetProperty("series").EnumerateArray());
        Assert.Equal(measurement, series.GetProperty("name").GetString());
        string[] columns = [.. series.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];
        var row = Assert.Single(series.GetProperty("values").EnumerateArray());
        Assert.Equal(text, row[Array.IndexOf(columns, fieldKey)].GetString());
        Assert.Equal(tagValue, row[Array.IndexOf(columns, tagKey)].GetString());
    }

    [Fact]
    public async Task Unknown_database_is_not_found_with_an_actionable_message()
    {
        using var client = new InfluxWriteClient(InfluxEndpoint.ForV1(Influx.Url, "nope"));
        WriteOutcome outcome = await client.WriteAsync("m v=1i\n"u8.ToArray());

        Assert.Equal(WriteOutcomeKind.NotFound, outcome.Kind);
        Assert.Equal(404, outcome.StatusCode);
        Assert.Contains("CREATE DATABASE \"nope\"", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Field_type_conflict_is_partial_and_the_other_points_are_written()
    {
        InfluxEndpoint endpoint = await NewDatabaseAsync("conflict");
        using var client = new InfluxWriteClient(endpoint);
        Assert.True((await client.WriteAsync("bp sys=120i 1700000000\n"u8.ToArray())).IsSuccess);

        WriteOutcome outcome = await client.WriteAsync("bp sys=121i 1700000001\nbp sys=122.5 1700000002\nbp sys=123i 1700000003\n"u8.ToArray());

        Assert.Equal(WriteOutcomeKind.PartialWrite, outcome.Kind);
        Assert.Equal(1, outcome.DroppedCount);
        Assert.Contains("field type conflict", outcome.ServerError, StringComparison.Ordinal);
        Assert.Equal(3, await Influx.CountAsync("conflict", "bp", "sys"));
    }

    [Fact]
    public async Task Unparsable_line_after_a_good_one_is_partial_and_the_good_line_is_written()
    {
        InfluxEndpoint endpoint = await NewDatabaseAsync("unparsable");
        using var client = new InfluxWriteClient(endpoint);

        WriteOutcome outcome = await client.WriteAsync("bp sys=120i 1700000000\nbp bed=\n"u8.ToArray());

        Assert.Equal(WriteOutcomeKind.PartialWrite, outcome.Kind);
        Assert.Contains("unable to parse", outcome.ServerError, StringComparison.Ordinal);
        Assert.Equal(1, await Influx.CountAsync("unparsable", "bp", "sys"));
    }

    [Fact]
    public async Task A_single_bad_line_is_rejected()
    {
        InfluxEndpoint endpoint = await NewDatabaseAsync("rejected");
        using var client = new InfluxWriteClient(endpoint);

        WriteOutcome outcome = await client.WriteAsync("bp sys=12x0\n"u8.ToArray());

        Assert.Equal(WriteOutcomeKind.Rejected, outcome.Kind);
    }

    [Fact]
    public async Task Gzip_bodies_are_accepted()
    {
        InfluxEndpoint endpoint = (await NewDatabaseAsync("gzip")) with { Gzip = true };
        byte[] lines = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 300).Select(i => $"vitals,bed=1 hr={60 + (i % 30)}i {1700000000 + i}\n")));
        using var client = new InfluxWriteClient(endpoint);

        WriteOutcome outcome = await client.WriteAsync(lines);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Equal(300, await Influx.CountAsync("gzip", "vitals", "hr"));
    }

    [Fact]
    public async Task Microsecond_precision_is_sent_as_u_and_stored_exactly()
    {
        InfluxEndpoint endpoint = await NewDatabaseAsync("micro", InfluxPrecision.Microseconds);
        DateTimeOffset instant = DateTimeOffset.FromUnixTimeSeconds(1700000000).AddTicks(1234560);
        byte[] lines = Encode(InfluxPrecision.Microseconds, w => w.Measurement("m").Field("v", 1L).EndLine(instant));
        Assert.Equal("m v=1i 1700000000123456\n", Encoding.UTF8.GetString(lines));
        using var client = new InfluxWriteClient(endpoint);

        Assert.True((await client.WriteAsync(lines)).IsSuccess);

        var row = Assert.Single(await Influx.RowsAsync("SELECT v FROM m", "micro"));
        Assert.Equal("2023-11-14T22:13:20.123456Z", row[0].GetString());
    }

    [Fact]
    public async Task Rewriting_the_same_series_and_timestamp_keeps_one_point()
    {
        InfluxEndpoint endpoint = await NewDatabaseAsync("idempotent");
        using var client = new InfluxWriteClient(endpoint);

        Assert.True((await client.WriteAsync("vitals,bed=2 spo2=95i 1700000000\n"u8.ToArray())).IsSuccess);
        Assert.True((await client.WriteAsync("vitals,bed=2 spo2=96i 1700000000\n"u8.ToArray())).IsSuccess);

        Assert.Equal(1, await Influx.CountAsync("idempotent", "vitals", "spo2"));
        Assert.Equal(96, Assert.Single(await Influx.RowsAsync("SELECT spo2 FROM vitals", "idempotent"))[1].GetInt64());
    }
}

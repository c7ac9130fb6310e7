using System.Text;
using KapMonitor.Testing.Peers;

namespace KapMonitor.Influx.Tests.Integration;

/// <summary>Scenarios that need their own influxd: auth on, a tiny max-body-size, an outage.</summary>
public sealed class RealInfluxdConfigurationTests
{
    private static byte[] Lines(int count, int start = 0) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(start, count).Select(i => $"vitals,bed=4 spo2={90 + (i % 10)}i {1700000000 + i}\n")));

    [Fact]
    public async Task Auth_on_with_a_wrong_password_is_auth_failed_and_the_right_one_writes()
    {
        await using InfluxFixture influx = await InfluxFixture.StartNewAsync(new InfluxFixtureOptions { AuthEnabled = true });
        await influx.CreateDatabaseAsync("secured");
        InfluxEndpoint endpoint = InfluxEndpoint.ForV1(influx.Url, "secured", null, influx.Options.AdminUser, "wrong") with { Precision = InfluxPrecision.Seconds };

        using (var wrong = new InfluxWriteClient(endpoint))
        {
            WriteOutcome outcome = await wrong.WriteAsync(Lines(1));
            Assert.Equal(WriteOutcomeKind.AuthFailed, outcome.Kind);
            Assert.Equal(401, outcome.StatusCode);
            Assert.Contains("Username and Password settings", outcome.Message, StringComparison.Ordinal);
        }

        using (var anonymous = new InfluxWriteClient(InfluxEndpoint.ForV1(influx.Url, "secured")))
        {
            WriteOutcome outcome = await anonymous.WriteAsync(Lines(1));
            Assert.Equal(WriteOutcomeKind.AuthFailed, outcome.Kind);
            Assert.Contains("requires authentication", outcome.Message, StringComparison.Ordinal);
        }

        using (var right = new InfluxWriteClient(endpoint with { Password = influx.Options.AdminPassword }))
        {
            WriteOutcome outcome = await right.WriteAsync(Lines(3));
            Assert.True(outcome.IsSuccess, outcome.ToString());
        }

        using var query = new InfluxWriteClient(endpoint with { Password = influx.Options.AdminPassword, V1AuthMode = InfluxV1AuthMode.QueryString });
        Assert.True((await query.WriteAsync(Lines(2, start: 3))).IsSuccess);
        Assert.Equal(5, await influx.CountAsync("secured", "vitals", "spo2"));
    }

    [Fact]
    public async Task Too_large_for_a_tiny_max_body_size_is_split_until_every_line_lands()
    {
        await using InfluxFixture influx = await InfluxFixture.StartNewAsync(new InfluxFixtureOptions { MaxBodySize = 200 });
        await influx.CreateDatabaseAsync("tiny");
        using var client = new InfluxWriteClient(InfluxEndpoint.ForV1(influx.Url, "tiny") with { Precision = InfluxPrecision.Seconds });
        byte[] batch = Lines(40);

        Assert.Equal(WriteOutcomeKind.TooLarge, (await client.WriteAsync(batch)).Kind);
        BatchWriteResult result = await new InfluxBatchWriter(client).WriteAsync(batch);

        Assert.Equal(BatchWriteStatus.Completed, result.Status);
        Assert.Equal(40, result.StoredLines);
        Assert.True(result.Requests > 8, $"{result.Requests} requests");
        Assert.Equal(40, await influx.CountAsync("tiny", "vitals", "spo2"));
    }

    [Fact]
    public async Task Server_stopped_is_retryable_and_the_same_batch_lands_after_restart()
    {
        await using InfluxFixture influx = await InfluxFixture.StartNewAsync();
        await influx.CreateDatabaseAsync("outage");
        using var client = new InfluxWriteClient(InfluxEndpoint.ForV1(influx.Url, "outage") with { Precision = InfluxPrecision.Seconds });
        var writer = new InfluxBatchWriter(client, new InfluxBatchWriterOptions { MaxAttempts = 1 });
        Assert.Equal(BatchWriteStatus.Completed, (await writer.WriteAsync(Lines(5))).Status);

        await influx.StopAsync();
        WriteOutcome down = await client.WriteAsync(Lines(5, start: 5));
        BatchWriteResult deferred = await writer.WriteAsync(Lines(5, start: 5));
        Assert.Equal(WriteOutcomeKind.Retryable, down.Kind);
        Assert.Null(down.StatusCode);
        Assert.Equal(BatchWriteStatus.Deferred, deferred.Status);
        Assert.Equal(5, deferred.UnsentLines);
        Assert.False((await client.PingAsync()).IsHealthy);

        await influx.StartAsync();
        BatchWriteResult resent = await writer.WriteAsync(deferred.Unsent);
        Assert.Equal(BatchWriteStatus.Completed, resent.Status);
        Assert.Equal(10, await influx.CountAsync("outage", "vitals", "spo2"));
    }

    [Fact]
    public async Task A_killed_server_comes_back_on_the_same_port_with_its_data()
    {
        await using InfluxFixture influx = await InfluxFixture.StartNewAsync();
        await influx.CreateDatabaseAsync("crash");
        int port = influx.HttpPort;
        using var client = new InfluxWriteClient(InfluxEndpoint.ForV1(influx.Url, "crash") with { Precision = InfluxPrecision.Seconds });
        Assert.True((await client.WriteAsync(Lines(4))).IsSuccess);

        await influx.KillAsync();
        Assert.False(influx.IsRunning);
        await influx.StartAsync();

        Assert.Equal(port, influx.HttpPort);
        Assert.Equal(4, await influx.CountAsync("crash", "vitals", "spo2"));
    }
}

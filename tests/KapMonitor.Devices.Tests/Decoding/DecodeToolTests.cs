using System.Text.Json;
using KapMonitor.Devices.Decoding;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Decoding;

public sealed class DecodeToolTests
{
    private static (int Code, List<JsonElement> Lines) Run(string protocol, string hex, string? options = null)
    {
        using var output = new StringWriter();
        var code = DecodeTool.RunHex(protocol, hex, output, options is null ? null : JsonDocument.Parse(options).RootElement);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (code, lines);
    }

    [Fact]
    public void Cuff_pressure_vector_prints_one_observation()
    {
        var (code, lines) = Run("suntech-advantage", "3E 05 02 01 BA");

        Assert.Equal(0, code);
        var line = Assert.Single(lines);
        Assert.Equal("observation", line.GetProperty("type").GetString());
        Assert.Equal("cuff_pressure", line.GetProperty("metric").GetString());
        Assert.Equal(258, line.GetProperty("value").GetDouble());
        Assert.Equal("mm[Hg]", line.GetProperty("unit").GetString());
        Assert.Equal("valid", line.GetProperty("validity").GetString());
        Assert.Equal(0, line.GetProperty("flags").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("deviceTime").ValueKind);
    }

    [Fact]
    public void Finger_out_prints_status_and_invalid_observations_with_flags()
    {
        var (_, lines) = Run("contec-legacy", "90 00 00 00 00");

        Assert.Equal(["status", "observation", "observation"], lines.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal("probe_off", lines[0].GetProperty("condition").GetString());
        Assert.True(lines[0].GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("value").ValueKind);
        Assert.Equal("invalid", lines[1].GetProperty("validity").GetString());
        Assert.Contains("probe_off", lines[1].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public void Bad_checksum_and_trailing_partial_frame_print_errors()
    {
        var (code, lines) = Run("suntech-advantage", "3E 05 02 01 B1 3E 05");

        Assert.Equal(0, code);
        Assert.All(lines, l => Assert.Equal("error", l.GetProperty("type").GetString()));
        Assert.Equal(["checksum", "resync", "truncated"], lines.Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal(2, lines[^1].GetProperty("byteCount").GetInt32());
    }

    [Fact]
    public void Device_time_is_printed_in_utc_iso_format()
    {
        var (_, lines) = Run("masimo-ascii", Convert.ToHexString("03/17/16 19:19:36 SPO2=098% BPM=123\r\n"u8));
        Assert.Equal("2016-03-17T19:19:36.0000000Z", lines[0].GetProperty("deviceTime").GetString());
    }

    [Fact]
    public void Unknown_protocol_prints_one_error_listing_ids_and_fails()
    {
        var (code, lines) = Run("nonin-df99", "00");

        Assert.Equal(DecodeTool.UsageError, code);
        var line = Assert.Single(lines);
        Assert.Equal("unknown_protocol", line.GetProperty("kind").GetString());
        Assert.Contains("nonin-df2", line.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_hex_and_bad_options_fail_with_one_line()
    {
        Assert.Equal(DecodeTool.UsageError, Run("nonin-df8", "zz").Code);
        var (code, lines) = Run("generic-line", "41", """{"keys": {}}""");
        Assert.Equal(DecodeTool.UsageError, code);
        var line = Assert.Single(lines);
        Assert.Equal("invalid_options", line.GetProperty("kind").GetString());
        Assert.Equal("generic-line: protocolOptions.keys must map at least one key", line.GetProperty("detail").GetString());
    }

    [Fact]
    public void Generic_line_with_options()
    {
        var (_, lines) = Run("generic-line", Convert.ToHexString("SPO2=97\n"u8), SerialProtocols.GenericOptions);
        Assert.Equal(97, Assert.Single(lines).GetProperty("value").GetDouble());
    }

    [Fact]
    public void Random_input_never_crashes_any_protocol()
    {
        var random = new Random(42);
        foreach (var id in SerialProtocols.Ids)
        {
            for (var i = 0; i < 50; i++)
            {
                var data = new byte[random.Next(0, 200)];
                random.NextBytes(data);
                using var output = new StringWriter();
                var options = id == "generic-line" ? JsonDocument.Parse(SerialProtocols.GenericOptions).RootElement : (JsonElement?)null;
                Assert.Equal(0, DecodeTool.Run(id, data, output, options));
                foreach (var line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    using var doc = JsonDocument.Parse(line);
                    Assert.True(doc.RootElement.TryGetProperty("type", out _));
                }
            }
        }
    }
}

using System.Text;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Generic;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols.Generic;

public sealed class GenericLineTests
{
    private const string KeyValueOptions = """{"keys": {"SpO2": "spo2", "PR": "pulse_rate"}, "separator": ":", "delimiter": ",", "invalidTokens": ["---"]}""";
    private const string RegexOptions = """{"regex": "^S(?<spo2>[0-9-]+) P(?<pulse_rate>[0-9-]+)$", "invalidTokens": ["--"]}""";

    private static GenericLineProtocol Create(string options) => new(Feed.Context(options));

    private static byte[] Bytes(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void Key_value_mode()
    {
        var sink = Feed.All(Create(KeyValueOptions), Bytes("spo2:97%,PR:64,TEMP:36.6\r\nSpO2:---,PR:65\n"));

        Assert.Equal([97.0, double.NaN], sink.Observations.Where(o => o.Metric == Metric.Spo2).Select(o => o.Value));
        Assert.Equal([64.0, 65.0], sink.Observations.Where(o => o.Metric == Metric.PulseRate).Select(o => o.Value));
        Assert.Equal(Validity.Invalid, sink.Observations[2].Validity);
    }

    [Fact]
    public void Regex_mode()
    {
        var sink = Feed.All(Create(RegexOptions), Bytes("S98 P71\nS-- P--\nnoise\n"));

        Assert.Equal(98, sink.Observations[0].Value);
        Assert.Equal(71, sink.Observations[1].Value);
        Assert.All(sink.Observations.ToArray()[2..], o => Assert.Equal(Validity.Invalid, o.Validity));
        Assert.Equal(6, sink.ErrorBytes(ProtocolErrorKind.Malformed));
    }

    [Theory]
    [InlineData("null", "either \"regex\" or \"keys\"")]
    [InlineData("""{"regex": "(", "keys": {}}""", "exactly one")]
    [InlineData("""{"regex": "(?<spo3>\\d+)"}""", "group 'spo3' must be one of")]
    [InlineData("""{"regex": "(\\d+"}""", "not a valid regular expression")]
    [InlineData("""{"regex": "\\d+"}""", "at least one named group")]
    [InlineData("""{"keys": {"A": "bogus"}}""", "protocolOptions.keys.A must be one of")]
    [InlineData("""{"keys": {}}""", "at least one key")]
    [InlineData("""{"keys": {"A": "spo2"}, "separator": "=="}""", "protocolOptions.separator must be a single ASCII character")]
    [InlineData("""{"keys": {"A": "spo2"}, "invalidTokens": "---"}""", "invalidTokens must be an array")]
    public void Bad_options_are_explained(string json, string expected)
    {
        var element = System.Text.Json.JsonDocument.Parse(json).RootElement;
        Assert.False(GenericLineOptions.TryParse(element, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Create(json));
    }

    [Fact]
    public void Overlong_line_is_truncated()
    {
        var sink = Feed.All(Create(KeyValueOptions), Bytes(new string('x', 2000) + "\nPR:60\n"));
        Assert.Equal(1024, sink.ErrorBytes(ProtocolErrorKind.Truncated));
        Assert.Equal(60, sink.Single(Metric.PulseRate).Value);
    }

    [Fact]
    public void Every_split_point_gives_identical_results()
    {
        Feed.AssertSplitInvariant(() => Create(KeyValueOptions), Bytes("SpO2:97,PR:64\r\nSpO2:---,PR:65\nbad\nPR:6"));
        Feed.AssertSplitInvariant(() => Create(RegexOptions), Bytes("S98 P71\nS-- P--\nx\nS9"));
    }
}

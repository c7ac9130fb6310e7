using KapMonitor.Devices.Profiles;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols;

/// <summary>Serial protocols reject options they do not understand, so typos in profiles surface on load.</summary>
public sealed class ProtocolOptionsTests
{
    [Theory]
    [InlineData("nonin-df2", """{"setFormatOnopen": true}""", "nonin-df2: protocolOptions.setFormatOnopen is not a known option (known: setFormatOnOpen)")]
    [InlineData("nonin-df8", """{"setFormatOnOpen": "yes"}""", "nonin-df8: protocolOptions.setFormatOnOpen must be true or false (found \"yes\")")]
    [InlineData("contec-v7", """{"emitEveryPackets": 0}""", "contec-v7: protocolOptions.emitEveryPackets must be a whole number from 1 to 10000 (found 0)")]
    [InlineData("masimo-ascii", """{"x": 1}""", "masimo-ascii: protocolOptions.x is not a known option (it takes no options)")]
    [InlineData("suntech-advantage", "[1]", "suntech-advantage: protocolOptions must be an object (found [1])")]
    public void Bad_options_throw_with_the_option_named(string id, string options, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => ProtocolRegistry.Create(id, Feed.Context(options)));
        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData("nonin-df13", """{"setFormatOnOpen": false}""")]
    [InlineData("contec-legacy", """{"emitEveryPackets": 30}""")]
    [InlineData("masimo-ascii", "null")]
    [InlineData("suntech-advantage", "{}")]
    public void Good_options_are_accepted(string id, string options)
    {
        Assert.Equal(id, ProtocolRegistry.Create(id, Feed.Context(options)).ProtocolId);
    }

    [Fact]
    public void Profile_loader_reports_option_errors_against_the_file()
    {
        const string json = """
            {
              "id": "x", "manufacturer": "A", "model": "B", "kind": "oximeter", "transport": "serial",
              "serial": { "baudRate": 9600, "dataBits": 8, "parity": "none", "stopBits": 1, "flowControl": "none" },
              "protocol": "contec-v7", "protocolOptions": { "emitEvery": 5 },
              "cadence": "c", "metrics": ["spo2"], "sources": ["s"]
            }
            """;

        var error = Assert.Single(DeviceProfileLoader.Parse(json, "device-profiles/x.json").Errors);

        Assert.Equal("device-profiles/x.json: protocolOptions.emitEvery is not a known option (known: emitEveryPackets)", error);
    }
}

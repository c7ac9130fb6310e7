using System.Text;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.SunTech;

namespace KapMonitor.Devices.Tests.Protocols.Support;

/// <summary>The serial protocol ids with a factory context and a representative valid byte stream each.</summary>
public static class SerialProtocols
{
    public const string GenericOptions = """{"keys": {"SPO2": "spo2", "PR": "pulse_rate"}, "invalidTokens": ["---"]}""";

    public static readonly string[] Ids =
        ["nonin-df2", "nonin-df7", "nonin-df8", "nonin-df13", "masimo-ascii", "contec-legacy", "contec-v7", "suntech-advantage", "generic-line"];

    public static IDeviceProtocol Create(string id) =>
        ProtocolRegistry.Create(id, Feed.Context(id switch
        {
            "generic-line" => GenericOptions,
            "contec-legacy" or "contec-v7" => """{"emitEveryPackets": 1}""",
            _ => null,
        }));

    public static byte[] Sample(string id) => id switch
    {
        "nonin-df2" => [.. NoninFrames.Df2Packet(72, 97), .. NoninFrames.Df2Packet(73, 96, 0xA0)],
        "nonin-df7" => [.. NoninFrames.Df7Packet(72, 97), .. NoninFrames.Df7Packet(73, 96, 0xA0)],
        "nonin-df8" => Feed.Hex("80 48 61 00 C0 48 61 01"),
        "nonin-df13" => Feed.Hex("00 02 00 01 00 0E 14 1A 0B 15 09 1E 0F 00 02 00 00 48 00 61 2F 03"),
        "masimo-ascii" => Encoding.ASCII.GetBytes("03/17/16 19:19:36 SN=---------- SPO2=098% BPM=123 PI=00.55 EXC=0000C00\r\n09/21/08 09:56:10 SpO2=000 PR=000 PI=00.00 EXC=828:Search,OffPat,SET\r\n"),
        "contec-legacy" => Feed.Hex("80 20 00 48 61 90 00 00 00 00"),
        "contec-v7" => Feed.Hex("01 88 85 B0 93 C8 E1 A3 81 01 80 85 B0 93 C8 E1 A3 81"),
        "suntech-advantage" => SunTechSample(),
        "generic-line" => Encoding.ASCII.GetBytes("SPO2=97 PR=64\r\nSPO2=--- PR=65\n"),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
    };

    private static byte[] SunTechSample()
    {
        var data = new byte[24];
        SunTechCommands.WriteBpDataResponse(120, 80, 93, 66, 0, data);
        return [.. Feed.Hex("3E 05 02 01 BA 3E 04 4B 73"), .. data];
    }
}

using System.Text;

namespace KapMonitor.Benchmarks.Decoding;

/// <summary>Valid frames per protocol (layouts in docs/devices.md), indexed so packets line up.</summary>
public static class SampleFrames
{
    private static readonly byte[] s_df13 = Convert.FromHexString("0002000100" + "0E141A0B15091E0F000200004800612F03");
    private static readonly byte[] s_masimo = Encoding.ASCII.GetBytes("03/17/16 19:19:36 SN=---------- SPO2=098% BPM=123 PI=00.55 SPCO=--% SPMET=--.-% PVI=--- ALARM=000000 EXC=0000C00\r\n");

    public static Func<int, byte[]> For(string protocol) => protocol switch
    {
        "nonin-df2" => i => Df2(i % 25),
        "nonin-df7" => i => Df7(i % 25),
        "nonin-df8" => _ => [0x80, 0x48, 0x61, 0x00],
        "nonin-df13" => _ => s_df13,
        "contec-legacy" => i => [0x80, (byte)(i & 0x7F), 0x00, 0x48, 0x61],
        "contec-v7" => i => [0x01, 0x88, 0x85, (byte)(0x80 | (i & 0x7F)), 0x93, 0xC8, 0xE1, 0xA3, 0x81],
        "suntech-advantage" => _ => [0x3E, 0x05, 0x02, 0x01, 0xBA],
        "masimo-ascii" => _ => s_masimo,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    public static int BytesPerFrame(string protocol) => For(protocol)(0).Length;

    // HR 72, SpO2 97 in packet frames 1–3; SYNC on frame 1.
    private static byte Value(int index) => index switch { 1 => 72, 2 => 97, _ => 0 };

    private static byte[] Df2(int index)
    {
        var status = (byte)(index == 0 ? 0x81 : 0x80);
        var pleth = (byte)(index * 5);
        var value = Value(index);
        return [0x01, status, pleth, value, (byte)(0x01 + status + pleth + value)];
    }

    private static byte[] Df7(int index)
    {
        var status = (byte)(index == 0 ? 0x81 : 0x80);
        var value = Value(index);
        return [status, 0x12, (byte)index, value, (byte)(status + 0x12 + index + value)];
    }
}

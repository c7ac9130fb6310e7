namespace KapMonitor.Devices.Tests.Protocols.Ble;

/// <summary>Hex literals as written in the spec tables ("04 78 00").</summary>
internal static class BleHex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Text(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}

using System.Buffers;
using System.Text;

namespace KapMonitor.Influx.Tests.Support;

/// <summary>Runs a <see cref="LineProtocolWriter"/> into a fresh buffer and returns the text it produced.</summary>
internal static class Lp
{
    public static string Write(Action<LineProtocolWriter> build, InfluxPrecision precision = InfluxPrecision.Nanoseconds)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new LineProtocolWriter(buffer, precision))
        {
            build(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

using KapMonitor.Devices.Protocols;

namespace KapMonitor.Devices.Tests.Protocols.Support;

/// <summary>Feeds bytes to a protocol the way a device link does: unconsumed bytes are kept and re-offered with the next chunk.</summary>
public static class Feed
{
    public static readonly DateTimeOffset At = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>Decodes <paramref name="data"/> split at <paramref name="splits"/> (ascending offsets). Returns the sink and the bytes left pending.</summary>
    public static (RecordingSink Sink, int Pending) Chunks(IDeviceProtocol protocol, ReadOnlySpan<byte> data, params int[] splits)
    {
        var sink = new RecordingSink();
        var buffer = new List<byte>();
        var start = 0;
        foreach (var end in splits.Append(data.Length))
        {
            buffer.AddRange(data[start..end]);
            start = end;
            var consumed = protocol.Decode(buffer.ToArray(), At, sink);
            Assert.InRange(consumed, 0, buffer.Count);
            buffer.RemoveRange(0, consumed);
        }

        return (sink, buffer.Count);
    }

    /// <summary>Decodes all of <paramref name="data"/> in one call and checks every byte was consumed.</summary>
    public static RecordingSink All(IDeviceProtocol protocol, ReadOnlySpan<byte> data)
    {
        var sink = new RecordingSink();
        Assert.Equal(data.Length, protocol.Decode(data, At, sink));
        return sink;
    }

    /// <summary>
    /// Asserts that decoding <paramref name="data"/> in two chunks at every split point gives the same
    /// observations, status events, error byte counts and pending bytes as one call.
    /// </summary>
    public static void AssertSplitInvariant(Func<IDeviceProtocol> create, byte[] data)
    {
        var (whole, wholePending) = Chunks(create(), data);
        for (var split = 0; split <= data.Length; split++)
        {
            var (sink, pending) = Chunks(create(), data, split);
            Assert.Equal(whole.Observations, sink.Observations);
            Assert.Equal(whole.Statuses, sink.Statuses);
            Assert.Equal(wholePending, pending);
            foreach (var kind in Enum.GetValues<ProtocolErrorKind>())
            {
                Assert.Equal(whole.ErrorBytes(kind), sink.ErrorBytes(kind));
            }
        }
    }

    public static ProtocolContext Context(string? optionsJson = null) =>
        new("dev-1", optionsJson is null ? null : System.Text.Json.JsonDocument.Parse(optionsJson).RootElement.Clone());
}

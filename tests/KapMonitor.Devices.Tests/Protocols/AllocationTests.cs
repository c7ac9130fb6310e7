using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols;

/// <summary>
/// Steady-state decoding allocates nothing (STYLE "Values and time": decoders are pure functions over
/// bytes). Counts bytes allocated on this thread, not time, so it is not a timed assertion.
/// </summary>
public sealed class AllocationTests
{
    public static TheoryData<string> BinaryIds => new(SerialProtocols.Ids.Where(id => id != "generic-line"));

    [Theory]
    [MemberData(nameof(BinaryIds))]
    public void Decoding_a_warm_stream_allocates_nothing(string id)
    {
        var protocol = SerialProtocols.Create(id);
        var sample = SerialProtocols.Sample(id);
        var stream = Enumerable.Repeat(sample, 20).SelectMany(b => b).ToArray();
        var sink = new CountingSink();
        protocol.Decode(stream, Feed.At, sink); // warm up: JIT, packet alignment, edge state

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            protocol.Decode(stream, Feed.At, sink);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sink.Count > 0);
    }

    [Fact]
    public void Key_value_generic_line_allocates_nothing()
    {
        var protocol = SerialProtocols.Create("generic-line");
        var stream = Enumerable.Repeat(SerialProtocols.Sample("generic-line"), 20).SelectMany(b => b).ToArray();
        var sink = new CountingSink();
        protocol.Decode(stream, Feed.At, sink);

        var before = GC.GetAllocatedBytesForCurrentThread();
        protocol.Decode(stream, Feed.At, sink);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private sealed class CountingSink : IDecodeSink
    {
        public long Count { get; private set; }

        public void OnObservation(in Observation observation) => Count++;

        public void OnStatus(in DeviceStatusEvent status) => Count++;

        public void OnProtocolError(in ProtocolError error) => Count++;
    }
}

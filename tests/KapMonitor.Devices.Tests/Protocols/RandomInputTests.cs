using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Common;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols;

/// <summary>
/// Property tests with a seeded <see cref="Random"/>: any bytes in any chunks never throw, never
/// over-consume, and never yield a Valid observation whose value is NaN or implausible.
/// </summary>
public sealed class RandomInputTests
{
    public static TheoryData<string> SerialIds => new(SerialProtocols.Ids);

    [Theory]
    [MemberData(nameof(SerialIds))]
    public void Random_bytes_in_random_chunks_are_survived(string id)
    {
        var random = new Random(id.Length * 7919);
        for (var round = 0; round < 200; round++)
        {
            var data = new byte[random.Next(0, 400)];
            random.NextBytes(data);
            Check(SerialProtocols.Create(id), data, random);
        }
    }

    [Theory]
    [MemberData(nameof(SerialIds))]
    public void Corrupted_valid_streams_are_survived(string id)
    {
        var random = new Random(id.Length * 104_729);
        var golden = SerialProtocols.Sample(id);
        for (var round = 0; round < 300; round++)
        {
            var data = golden.ToArray();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                data[random.Next(data.Length)] = (byte)random.Next(256);
            }

            Check(SerialProtocols.Create(id), data, random);
        }
    }

    [Theory]
    [MemberData(nameof(SerialIds))]
    public void Sample_stream_is_fully_consumed_and_yields_observations(string id)
    {
        var sink = Feed.All(SerialProtocols.Create(id), SerialProtocols.Sample(id));
        Assert.NotEmpty(sink.Observations);
        AssertSane(sink);
    }

    [Theory]
    [MemberData(nameof(SerialIds))]
    public void Random_ticks_never_throw(string id)
    {
        var random = new Random(id.Length);
        var protocol = SerialProtocols.Create(id);
        var buffer = new byte[64];
        var t = TimeSpan.Zero;
        for (var i = 0; i < 500; i++)
        {
            t += TimeSpan.FromMilliseconds(random.Next(0, 3000));
            var tick = new ProtocolTick(t, i == 0 || random.Next(50) == 0, (DeviceRequest)random.Next(3));
            var n = protocol.WriteCommands(tick, buffer.AsSpan(0, random.Next(0, buffer.Length)));
            Assert.InRange(n, 0, buffer.Length);
            var junk = new byte[random.Next(0, 40)];
            random.NextBytes(junk);
            protocol.Decode(junk, Feed.At, new RecordingSink());
        }
    }

    private static void Check(IDeviceProtocol protocol, byte[] data, Random random)
    {
        var splits = Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(data.Length + 1)).Order().ToArray();
        var (sink, pending) = Feed.Chunks(protocol, data, splits);
        Assert.InRange(pending, 0, data.Length);
        AssertSane(sink);
    }

    private static void AssertSane(RecordingSink sink)
    {
        foreach (var o in sink.Observations)
        {
            Assert.Equal("dev-1", o.DeviceId);
            Assert.NotEqual(Metric.None, o.Metric);
            if (o.Validity == Validity.Invalid)
            {
                Assert.True(double.IsNaN(o.Value));
                continue;
            }

            var (min, max) = ReadingRules.PlausibleRange(o.Metric);
            Assert.True(double.IsFinite(o.Value) && o.Value >= min && o.Value <= max, $"{o.Metric} {o.Value} {o.Validity}");
        }

        Assert.All(sink.Errors, e => Assert.True(e.ByteCount >= 0 && !string.IsNullOrEmpty(e.Detail)));
    }
}

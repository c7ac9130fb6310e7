using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.Ble;

namespace KapMonitor.Devices.Tests.Protocols.Ble;

/// <summary>Random bytes never throw, are always consumed, and never yield a Valid NaN or an Invalid number.</summary>
public class BleFuzzTests
{
    private static readonly DateTimeOffset s_receivedAt = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> ProtocolIds() =>
    [
        "ble-bp-measurement", "ble-intermediate-cuff", "ble-bp-feature", "ble-plx-spot", "ble-plx-continuous", "ble-plx-features", "ble-heart-rate",
    ];

    [Theory]
    [MemberData(nameof(ProtocolIds))]
    public void Random_values_never_throw_nor_produce_valid_nan(string protocolId)
    {
        var random = new Random(protocolId.Length * 7919);
        var protocol = ProtocolRegistry.Create(protocolId, new ProtocolContext("fuzz"));
        var sink = new BleRecordingSink();
        var buffer = new byte[24];
        for (int i = 0; i < 20_000; i++)
        {
            int length = random.Next(0, buffer.Length + 1);
            var value = buffer.AsSpan(0, length);
            random.NextBytes(value);
            if (i % 4 == 0 && length > 2)
            {
                // Bias some SFLOATs towards the reserved values so the special paths get exercised.
                Sfloat.FromSpecial((MderSpecial)random.Next(1, 6)).Write(value[1..]);
            }

            sink.Clear();
            Assert.Equal(length, protocol.Decode(value, s_receivedAt, sink));
            foreach (var o in sink.Observations)
            {
                Assert.Equal("fuzz", o.DeviceId);
                Assert.Equal(o.Validity == Validity.Invalid, double.IsNaN(o.Value));
                Assert.False(double.IsInfinity(o.Value));
            }

            Assert.All(sink.Errors, e => Assert.Equal(length, e.ByteCount));
            Assert.True(sink.Errors.Count <= 1);
            Assert.False(sink.Errors.Count == 1 && sink.Observations.Count > 0);
        }
    }
}

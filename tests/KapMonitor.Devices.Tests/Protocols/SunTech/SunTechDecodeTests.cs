using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.SunTech;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols.SunTech;

public sealed class SunTechDecodeTests
{
    private static SunTechAdvantageProtocol Create() => new(Feed.Context());

    private static byte[] BpData(int sys, int dia, int map, int hr, byte error = 0)
    {
        var buffer = new byte[24];
        SunTechCommands.WriteBpDataResponse(sys, dia, map, hr, error, buffer);
        return buffer;
    }

    [Fact]
    public void Reference_cuff_pressure_vector_is_258_mmHg()
    {
        var sink = Feed.All(Create(), Feed.Hex("3E 05 02 01 BA"));

        var o = sink.Single(Metric.CuffPressure);
        Assert.Equal(258, o.Value);
        Assert.Equal("mm[Hg]", o.Unit);
        Assert.Equal(Validity.Valid, o.Validity);
    }

    [Fact]
    public void Reference_bad_checksum_vector_is_dropped()
    {
        var sink = Feed.All(Create(), Feed.Hex("3E 05 02 01 B1"));

        Assert.Empty(sink.Observations);
        Assert.Equal(1, sink.ErrorBytes(ProtocolErrorKind.Checksum));
        Assert.Equal(4, sink.ErrorBytes(ProtocolErrorKind.Resync));
    }

    [Fact]
    public void Encoders_reproduce_reference_vectors()
    {
        var buffer = new byte[8];
        Assert.Equal(4, SunTechCommands.WriteStatusResponse((byte)'K', buffer));
        Assert.Equal(Feed.Hex("3E 04 4B 73"), buffer[..4]);
        Assert.Equal(5, SunTechCommands.WriteCuffPressureResponse(258, buffer));
        Assert.Equal(Feed.Hex("3E 05 02 01 BA"), buffer[..5]);
        Assert.Equal(0xA6, SunTechCommands.Checksum(Feed.Hex("3A 20")));
    }

    [Theory]
    [InlineData(SunTechCommand.StartMeasurement, "3A 20 A6")]
    [InlineData(SunTechCommand.GetCuffPressure, "3A 79 05 00 48")]
    [InlineData(SunTechCommand.GetBpData, "3A 79 03 00 4A")]
    [InlineData(SunTechCommand.Abort, "3A 79 01 00 4C")]
    [InlineData(SunTechCommand.Reset, "3A 8A 3C")]
    public void Commands_match_reference_and_sum_to_zero(SunTechCommand command, string hex)
    {
        var buffer = new byte[SunTechCommands.MaxLength];
        var n = SunTechCommands.Write(command, buffer);

        Assert.Equal(Feed.Hex(hex), buffer[..n]);
        Assert.Equal(0, buffer[..n].Sum(b => b) & 0xFF);
        Assert.True(SunTechCommands.TryRecognise(buffer[..n], out var recognised, out var length));
        Assert.Equal((command, n), (recognised, length));
    }

    [Fact]
    public void Recognise_rejects_unknown_and_incomplete()
    {
        Assert.False(SunTechCommands.TryRecognise(Feed.Hex("3A 20"), out _, out var length));
        Assert.Equal(0, length);
        Assert.False(SunTechCommands.TryRecognise(Feed.Hex("3A 99 00"), out _, out _));
        Assert.Equal(0, SunTechCommands.Write(SunTechCommand.GetBpData, new byte[4]));
    }

    [Fact]
    public void Bp_data_yields_four_numbers_and_completion()
    {
        var sink = Feed.All(Create(), BpData(128, 82, 97, 71));

        Assert.Equal(128, sink.Single(Metric.Systolic).Value);
        Assert.Equal(82, sink.Single(Metric.Diastolic).Value);
        Assert.Equal(97, sink.Single(Metric.MeanArterial).Value);
        Assert.Equal(71, sink.Single(Metric.HeartRate).Value);
        Assert.All(sink.Observations, o => Assert.Equal(Validity.Valid, o.Validity));
        Assert.Equal(DeviceCondition.NibpCycleCompleted, Assert.Single(sink.Statuses).Condition);
    }

    [Theory]
    [InlineData(0x01, "weak signal (unconfirmed code table)")]
    [InlineData(0x89, "cuff over-pressure (unconfirmed code table)")]
    [InlineData(0x99, "EEPROM failure (unconfirmed code table)")]
    [InlineData(0x42, "unknown error code")]
    public void Bp_error_code_gives_failure_and_no_numbers(byte code, string detail)
    {
        var sink = Feed.All(Create(), BpData(128, 82, 97, 71, code));

        Assert.Empty(sink.Observations);
        var status = Assert.Single(sink.Statuses);
        Assert.Equal(DeviceCondition.NibpFailed, status.Condition);
        Assert.Equal(code, status.Code);
        Assert.Equal(detail, status.Detail);
    }

    [Fact]
    public void Zero_pressures_are_not_valid_numbers()
    {
        var sink = Feed.All(Create(), BpData(0, 0, 0, 0));
        Assert.All(sink.Observations, o => Assert.Equal(Validity.Invalid, o.Validity));
    }

    [Theory]
    [InlineData('B')]
    [InlineData('N')]
    [InlineData('D')]
    [InlineData('S')]
    public void Rejections_outside_a_cycle_are_command_failures(char code)
    {
        var buffer = new byte[4];
        SunTechCommands.WriteStatusResponse((byte)code, buffer);

        var status = Assert.Single(Feed.All(Create(), buffer).Statuses);

        Assert.Equal(DeviceCondition.CommandFailed, status.Condition);
        Assert.Equal(code, status.Code);
    }

    [Fact]
    public void Unknown_length_response_is_ignored_and_impossible_length_is_junk()
    {
        byte[] other = [0x3E, 0x06, 1, 2, 3, 0];
        other[5] = SunTechCommands.Checksum(other[..5]);
        var data = Feed.Hex("3E 02 3E 7F").Concat(other).Concat(Feed.Hex("3E 05 02 01 BA")).ToArray();

        var sink = Feed.All(Create(), data);

        Assert.Equal(4, sink.ErrorBytes(ProtocolErrorKind.Resync));
        Assert.Equal(258, sink.Single(Metric.CuffPressure).Value);
    }

    [Fact]
    public void Every_split_point_gives_identical_results()
    {
        var data = Feed.Hex("00 3E 05 02 01 B1 3E 05 02 01 BA 3E 04 4B 73").Concat(BpData(120, 80, 93, 66)).Concat(BpData(1, 1, 1, 1, 0x85)).ToArray();
        Feed.AssertSplitInvariant(() => Create(), data);
    }
}

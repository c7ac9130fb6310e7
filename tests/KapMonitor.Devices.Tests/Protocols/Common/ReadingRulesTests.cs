using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;

namespace KapMonitor.Devices.Tests.Protocols.Common;

public sealed class ReadingRulesTests
{
    private static readonly DateTimeOffset s_at = DateTimeOffset.UnixEpoch;

    [Theory]
    [InlineData(Metric.Spo2, 97, ObservationFlags.None, Validity.Valid)]
    [InlineData(Metric.Spo2, 97, ObservationFlags.Artifact, Validity.Questionable)]
    [InlineData(Metric.Spo2, 97, ObservationFlags.ProbeOff, Validity.Invalid)]
    [InlineData(Metric.Spo2, 0, ObservationFlags.None, Validity.Invalid)]
    [InlineData(Metric.Spo2, 101, ObservationFlags.None, Validity.Invalid)]
    [InlineData(Metric.PulseRate, 351, ObservationFlags.None, Validity.Invalid)]
    [InlineData(Metric.Systolic, 120, ObservationFlags.LowBattery, Validity.Valid)]
    [InlineData(Metric.CuffPressure, 0, ObservationFlags.None, Validity.Valid)]
    public void Validity_follows_flags_and_plausible_range(Metric metric, double value, ObservationFlags flags, Validity expected)
    {
        var o = ReadingRules.Create("d", metric, value, flags, s_at);

        Assert.Equal(expected, o.Validity);
        Assert.Equal(expected == Validity.Invalid, double.IsNaN(o.Value));
    }

    [Fact]
    public void Nan_gains_not_a_number_and_out_of_range_gains_its_flag()
    {
        Assert.Equal(ObservationFlags.NotANumber, ReadingRules.Create("d", Metric.Spo2, double.NaN, ObservationFlags.None, s_at).Flags);
        Assert.Equal(ObservationFlags.OutOfRange, ReadingRules.Create("d", Metric.Spo2, 120, ObservationFlags.None, s_at).Flags);
        Assert.Equal(ObservationFlags.OutOfRange, ReadingRules.Create("d", Metric.Spo2, double.PositiveInfinity, ObservationFlags.None, s_at).Flags);
    }
}

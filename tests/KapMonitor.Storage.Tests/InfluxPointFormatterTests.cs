using System.Buffers;
using System.Text;
using KapMonitor.Core.Observations;
using KapMonitor.Influx;

namespace KapMonitor.Storage.Tests;

public sealed class InfluxPointFormatterTests
{
    private static readonly DateTimeOffset s_at = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero); // 1767254400 s

    private static string Format(Action<LineProtocolWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new LineProtocolWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Valid_observation_golden_line()
    {
        var o = new Observation("ox 1", Metric.Spo2, 97, Validity.Valid, ObservationFlags.None, s_at);
        Assert.Equal(
            "vitals,device=ox\\ 1,metric=spo2,room=room-1 value=97,validity=\"valid\",flags=0i,seq=123i,unit=\"%\" 1767254400000000023\n",
            Format(w => InfluxPointFormatter.Write(w, new JournaledObservation("room-1", 123, o))));
    }

    [Fact]
    public void Invalid_observation_has_no_value_field_and_keeps_originals()
    {
        var o = Observation.Invalid("cuff", Metric.Systolic, ObservationFlags.NibpError, s_at, s_at.AddSeconds(-1)) with { OriginalValue = 16, OriginalUnit = "kPa" };
        Assert.Equal(
            "vitals,device=cuff,metric=systolic,room=r validity=\"invalid\",flags=32768i,seq=100i,unit=\"mm[Hg]\",device_time_ns=1767254399000000000i,original_value=16,original_unit=\"kPa\" 1767254400000000000\n",
            Format(w => InfluxPointFormatter.Write(w, new JournaledObservation("r", 100, o))));
    }

    [Fact]
    public void Status_and_clinical_golden_lines()
    {
        var s = new DeviceStatusEvent("ox-1", DeviceCondition.ProbeOff, true, s_at, 0, "finger out");
        Assert.Equal(
            "device_status,condition=probe_off,device=ox-1,room=r active=t,code=0i,seq=7i,detail=\"finger out\" 1767254400000000007\n",
            Format(w => InfluxPointFormatter.Write(w, new JournaledStatusEvent("r", 7, s))));

        var hash = new byte[32];
        var c = new ClinicalRecord("r", 8, "alarm", s_at, "s-1", "{\n  \"rule\": \"spo2 \\\"low\\\"\"\n}", new byte[32], hash);
        Assert.Equal(
            "clinical,kind=alarm,room=r,session=s-1 seq=8i,hash=\"" + new string('0', 64) + "\",payload=\"{\\\"rule\\\":\\\"spo2 \\\\\\\"low\\\\\\\"\\\"}\" 1767254400000000008\n",
            Format(w => InfluxPointFormatter.Write(w, c)));
    }
}

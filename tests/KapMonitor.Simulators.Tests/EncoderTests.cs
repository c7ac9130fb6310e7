using System.Text.RegularExpressions;
using KapMonitor.Simulators.Behaviour;
using KapMonitor.Simulators.Encoders;

namespace KapMonitor.Simulators.Tests;

public sealed partial class EncoderTests
{
    private static readonly OximeterReading s_normal = new(97, 72, 3.25, OximeterStatus.None);
    private static readonly OximeterReading s_probeOff = new(null, null, null, OximeterStatus.ProbeOff);

    [Fact]
    public void SunTech_cuff_pressure_matches_the_worked_example()
    {
        var bytes = new byte[5];
        SunTechEncoder.WriteCuffPressure(bytes, 258);
        Assert.Equal(Convert.FromHexString("3E050201BA"), bytes);
    }

    [Fact]
    public void SunTech_done_status_matches_the_worked_example()
    {
        var bytes = new byte[4];
        SunTechEncoder.WriteStatus(bytes, SunTechEncoder.StatusDone);
        Assert.Equal(Convert.FromHexString("3E044B73"), bytes);
    }

    [Fact]
    public void SunTech_bp_data_lays_out_fields_and_sums_to_zero()
    {
        var bytes = new byte[24];
        SunTechEncoder.WriteBpData(bytes, new NibpResult(128, 82, 97, 74, 31, NibpFault.None));
        Assert.Equal(Convert.FromHexString("3E18800052001F00"), bytes[..8]);
        Assert.Equal(74, bytes[16]);
        Assert.Equal(97, bytes[18] | (bytes[19] << 8));
        Assert.Equal(0, bytes[20]);
        Assert.Equal(0, bytes.Sum(b => b) % 256);

        SunTechEncoder.WriteBpData(bytes, new NibpResult(0, 0, 0, 0, 3, NibpFault.Overpressure));
        Assert.Equal(0x89, bytes[20]);
        Assert.Equal(0, bytes.Sum(b => b) % 256);
    }

    [Fact]
    public void Nonin_df2_packet_has_sync_only_on_frame_one_and_valid_checksums()
    {
        var packet = new byte[125];
        for (var i = 0; i < 25; i++)
        {
            NoninDf2Encoder.WriteFrame(packet.AsSpan(i * 5), i, s_normal, (byte)(100 + i), 600);
        }

        for (var i = 0; i < 25; i++)
        {
            var f = packet.AsSpan(i * 5, 5);
            Assert.Equal(0x01, f[0]);
            Assert.Equal(0x80, f[1] & 0x80);
            Assert.Equal(i == 0 ? 1 : 0, f[1] & 0x01);
            Assert.Equal((byte)(f[0] + f[1] + f[2] + f[3]), f[4]);
        }

        // Frames 1-3: HR MSB, HR LSB, SpO2 (mattjlewis/NoninPulseOx).
        Assert.Equal(Convert.FromHexString("01836400E8"), packet[..5]);
        Assert.Equal(72, packet[8]);
        Assert.Equal(97, packet[13]);
    }

    [Fact]
    public void Nonin_df2_encodes_heart_rates_above_127_in_two_parts_and_missing_values_as_sentinels()
    {
        var fast = s_normal with { PulseRate = 200 };
        var frame = new byte[5];
        NoninDf2Encoder.WriteFrame(frame, 0, fast, 0, 0);
        Assert.Equal(1, frame[3]);
        NoninDf2Encoder.WriteFrame(frame, 1, fast, 0, 0);
        Assert.Equal(200 & 0x7F, frame[3]);

        NoninDf2Encoder.WriteFrame(frame, 2, s_probeOff, 0, 0);
        Assert.Equal(0x7F, frame[3]);
        Assert.Equal(0x40, frame[1] & 0x40);
    }

    [Fact]
    public void Nonin_df7_carries_a_16_bit_pleth()
    {
        var frame = new byte[5];
        NoninDf7Encoder.WriteFrame(frame, 0, s_normal, 0x1234, 0);
        Assert.Equal(Convert.FromHexString("83123400C9"), frame);
    }

    [Fact]
    public void Nonin_df8_matches_the_layout()
    {
        var bytes = new byte[4];
        NoninDf8Encoder.Write(bytes, s_normal with { PulseRate = 130 });
        Assert.Equal(Convert.FromHexString("81026100"), bytes);
        NoninDf8Encoder.Write(bytes, s_probeOff);
        Assert.Equal(Convert.FromHexString("C37F7F00"), bytes);
    }

    [Fact]
    public void Nonin_df13_frames_a_timestamped_spot_check()
    {
        var bytes = new byte[NoninDf13Encoder.RecordSize];
        NoninDf13Encoder.Write(bytes, s_normal, new DateTime(2026, 3, 14, 9, 30, 15, DateTimeKind.Utc));
        Assert.Equal(Convert.FromHexString("00020001000E" + "141A030E091E0F00" + "0200" + "0048" + "00" + "61"), bytes[..20]);
        Assert.Equal((byte)bytes.AsSpan(6, 14).ToArray().Sum(b => b), bytes[20]);
        Assert.Equal(0x03, bytes[21]);
    }

    [Fact]
    public void Masimo_line_matches_the_radical7_format()
    {
        var line = MasimoAsciiEncoder.FormatLine(s_normal, new DateTime(2026, 3, 14, 9, 30, 15));
        Assert.Equal("03/14/26 09:30:15 SN=0000070986 SPO2=097% BPM=072 PI=03.25% SPCO=--.-% SPMET=--.-% DESAT=-- PIDELTA=+-- PVI=--- ALARM=0000 EXC=000000\r\n", line);
        Assert.Matches(Radical7(), line.TrimEnd());

        var off = MasimoAsciiEncoder.FormatLine(s_probeOff with { Status = OximeterStatus.ProbeOff | OximeterStatus.Searching }, new DateTime(2026, 3, 14, 9, 30, 16));
        Assert.Contains("SPO2=---% BPM=--- PI=--.--%", off, StringComparison.Ordinal);
        Assert.EndsWith("EXC=000028\r\n", off, StringComparison.Ordinal);
        Assert.Matches(Radical7(), off.TrimEnd());
    }

    [Fact]
    public void Contec_legacy_finger_out_matches_the_published_vector()
    {
        var bytes = new byte[5];
        ContecLegacyEncoder.Write(bytes, s_probeOff, 0, beat: false);
        Assert.Equal(Convert.FromHexString("9000000000"), bytes);
        ContecLegacyEncoder.Write(bytes, s_normal with { PulseRate = 150 }, 0x55, beat: true);
        Assert.Equal(0xC8, bytes[0]);
        Assert.Equal(0x55, bytes[1]);
        Assert.Equal(150, ((bytes[2] & 0x40) << 1) | bytes[3]);
        Assert.Equal(97, bytes[4]);
    }

    [Fact]
    public void Contec_v7_moves_data_high_bits_into_the_hi_byte()
    {
        var bytes = new byte[9];
        ContecV7Encoder.WritePacket(bytes, 0x7D, [0xA1]);
        Assert.Equal(Convert.FromHexString("7D81A1808080808080"), bytes);

        ContecV7Encoder.WriteRealtime(bytes, s_normal, 0x40, beat: false);
        Assert.Equal(0x01, bytes[0]);
        Assert.All(bytes[1..], b => Assert.Equal(0x80, b & 0x80));
        var raw = new byte[7];
        ContecV7Encoder.ReadData(bytes, raw);
        Assert.Equal(72, raw[3]);
        Assert.Equal(97, raw[4]);
        Assert.Equal(325, raw[5] | (raw[6] << 8));

        ContecV7Encoder.WriteRealtime(bytes, s_probeOff, 0, beat: false);
        ContecV7Encoder.ReadData(bytes, raw);
        Assert.Equal(0x80, raw[0] & 0x80);
        Assert.Equal(0xFF, raw[3]);
        Assert.Equal(0x7F, raw[4]);
        Assert.Equal(0xFFFF, raw[5] | (raw[6] << 8));
    }

    // mdpnp's Radical-7 pattern (mdpnp/mdpnp masimo-radical-7.spec).
    [GeneratedRegex(@"^(.{17})\s+SN\=(\S+)\s+SPO2\=(\S+)\%\s+BPM\=(\S+)\s+PI\=(\S+)\%\s+SPCO\=(\S+)\%\s+SPMET\=(\S+)\%\s+DESAT\=(\S+)\s+PIDELTA\=(\S+)\s+PVI\=(\S+)\s+ALARM\=(\S+)\s+EXC\=\S+\s*$")]
    private static partial Regex Radical7();
}

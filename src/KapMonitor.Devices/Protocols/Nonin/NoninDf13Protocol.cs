using System.Buffers.Binary;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;

namespace KapMonitor.Devices.Protocols.Nonin;

/// <summary>
/// Nonin Data Format #13, spot-check records of the 9560/3150 (mattjlewis/NoninPulseOx):
/// <c>00 02 | type u16 BE | length u16 BE (≥ 14) | data | CHK | 03</c>, CHK = low byte of the sum of the
/// data bytes. Data: century YY MM DD hh mm ss fraction, STATUS u16 BE, HR u16 BE (0x01FF missing),
/// reserved, SpO2 (0x7F missing), then optional extra bytes. The device clock has no zone; it is read as UTC.
/// </summary>
public sealed class NoninDf13Protocol : IDeviceProtocol
{
    private const int HeaderLength = 6;   // 00 02 type(2) length(2)
    private const int TrailerLength = 2;  // CHK 03
    private const int MinDataLength = 14;
    // Records seen are 14 bytes plus a few extras; a larger length is line noise, and waiting for it
    // would hold back the real records behind it.
    private const int MaxDataLength = 64;
    private const int StatusNoMeasurement = 0x0100;

    private readonly string _deviceId;
    private readonly StatusEdgeTracker _edges;
    private readonly NoninCommandChannel _commands;

    /// <summary>Creates a decoder for one device link.</summary>
    public NoninDf13Protocol(ProtocolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _deviceId = context.DeviceId;
        _edges = new StatusEdgeTracker(context.DeviceId);
        _commands = new NoninCommandChannel(context, "nonin-df13", 13);
    }

    /// <inheritdoc />
    public string ProtocolId => "nonin-df13";

    /// <inheritdoc />
    public TimeSpan? TickInterval => null;

    /// <inheritdoc />
    public int WriteCommands(in ProtocolTick tick, Span<byte> output) => _commands.WriteCommands(tick, output);

    /// <inheritdoc />
    public bool WritesAfterDecode => false; // the format command goes out on open only

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> input, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var junk = default(JunkCounter);
        var pos = 0;
        while (pos < input.Length)
        {
            var rest = input[pos..];
            if (!IsRecordStart(rest))
            {
                if (!_commands.TryConsumeReply(rest[0], receivedAt, sink))
                {
                    junk.Add();
                }

                pos++;
                continue;
            }

            if (rest.Length < HeaderLength)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(rest[4..]);
            if (length is < MinDataLength or > MaxDataLength)
            {
                junk.Flush(sink, "bytes skipped before a Nonin DF13 record");
                sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Malformed, 1, "Nonin DF13 length field out of range"));
                pos++;
                continue;
            }

            var total = HeaderLength + length + TrailerLength;
            if (rest.Length < total)
            {
                break;
            }

            junk.Flush(sink, "bytes skipped before a Nonin DF13 record");
            var data = rest.Slice(HeaderLength, length);
            if (rest[total - 1] != 0x03)
            {
                sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Truncated, 1, "Nonin DF13 record without ETX"));
                pos++;
                continue;
            }

            if (Sum(data) != rest[total - 2])
            {
                sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Checksum, 1, "Nonin DF13 checksum mismatch"));
                pos++;
                continue;
            }

            OnRecord(data, receivedAt, sink);
            pos += total;
        }

        junk.Flush(sink, "bytes skipped before a Nonin DF13 record");
        return pos;
    }

    private static bool IsRecordStart(ReadOnlySpan<byte> rest) => rest[0] == 0x00 && (rest.Length < 2 || rest[1] == 0x02);

    private static byte Sum(ReadOnlySpan<byte> data)
    {
        byte sum = 0;
        foreach (var b in data)
        {
            sum += b;
        }

        return sum;
    }

    private void OnRecord(ReadOnlySpan<byte> data, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        var deviceTime = ReadDeviceTime(data);
        var status = BinaryPrimitives.ReadUInt16BigEndian(data[8..]);
        var hr = BinaryPrimitives.ReadUInt16BigEndian(data[10..]);
        var spo2 = data[13];

        var flags = NoninStatusBits.FromDf13Status(status);
        _edges.Update(flags & ObservationFlags.LowBattery, receivedAt, sink);
        if ((status & StatusNoMeasurement) != 0)
        {
            flags |= ObservationFlags.NotANumber;
        }

        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.PulseRate, hr == 0x01FF ? double.NaN : hr, flags, receivedAt, deviceTime));
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.Spo2, spo2 == 0x7F ? double.NaN : spo2, flags, receivedAt, deviceTime));
    }

    // Bytes 0..6: century YY MM DD hh mm ss (byte 7, the fraction, is ignored). Impossible dates give null.
    private static DateTimeOffset? ReadDeviceTime(ReadOnlySpan<byte> data)
    {
        int year = (data[0] * 100) + data[1], month = data[2], day = data[3], hour = data[4], minute = data[5], second = data[6];
        if (year is < 2000 or > 2099 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }
}

using System.Globalization;
using System.Text;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Devices.Tests.Transport;

/// <summary>
/// A tiny line protocol for link tests: "S97\n" is SpO2 97 %, any other line is reported Malformed. Sends
/// "HELLO\n" on open, "ACK\n" after each decoded line, "PING\n" on ticks and "START\n"/"ABORT\n" on requests.
/// Records every call so tests can check how the link drives it.
/// </summary>
internal sealed class LineProtocol(string deviceId, TimeSpan? tickInterval = null, bool writesAfterDecode = true) : IDeviceProtocol
{
    private readonly List<ProtocolTick> _ticks = [];
    private int _pendingAcks;
    private int _concurrentCalls;

    public string ProtocolId => "test-line";

    public TimeSpan? TickInterval => tickInterval;

    public bool WritesAfterDecode => writesAfterDecode;

    /// <summary>Set if two protocol calls ever overlapped (the link must serialise them).</summary>
    public bool SawConcurrentCalls { get; private set; }

    public IReadOnlyList<ProtocolTick> Ticks
    {
        get
        {
            lock (_ticks)
            {
                return [.. _ticks];
            }
        }
    }

    public int Decode(ReadOnlySpan<byte> input, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        Enter();
        try
        {
            var consumed = 0;
            while (true)
            {
                var end = input[consumed..].IndexOf((byte)'\n');
                if (end < 0)
                {
                    return consumed;
                }

                var line = input.Slice(consumed, end);
                consumed += end + 1;
                if (line.Length > 1 && line[0] == (byte)'S'
                    && int.TryParse(Encoding.ASCII.GetString(line[1..]), NumberStyles.None, CultureInfo.InvariantCulture, out var spo2))
                {
                    sink.OnObservation(new Observation(deviceId, Metric.Spo2, spo2, Validity.Valid, ObservationFlags.None, receivedAt));
                    _pendingAcks++;
                }
                else
                {
                    sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Malformed, end + 1, "not an S line"));
                }
            }
        }
        finally
        {
            Exit();
        }
    }

    public int WriteCommands(in ProtocolTick tick, Span<byte> output)
    {
        Enter();
        try
        {
            lock (_ticks)
            {
                _ticks.Add(tick);
            }

            var text = new StringBuilder();
            if (tick.JustOpened)
            {
                _pendingAcks = 0;
                text.Append("HELLO\n");
            }

            for (; _pendingAcks > 0; _pendingAcks--)
            {
                text.Append("ACK\n");
            }

            text.Append(tick.Request switch
            {
                DeviceRequest.StartMeasurement => "START\n",
                DeviceRequest.Abort => "ABORT\n",
                _ => "",
            });
            if (!tick.JustOpened && tick.Request == DeviceRequest.None && text.Length == 0)
            {
                text.Append("PING\n");
            }

            return Encoding.ASCII.GetBytes(text.ToString(), output);
        }
        finally
        {
            Exit();
        }
    }

    private void Enter()
    {
        if (Interlocked.Increment(ref _concurrentCalls) > 1)
        {
            SawConcurrentCalls = true;
        }
    }

    private void Exit() => Interlocked.Decrement(ref _concurrentCalls);
}

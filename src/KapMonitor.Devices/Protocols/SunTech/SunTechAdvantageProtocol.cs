using System.Buffers.Binary;
using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;

namespace KapMonitor.Devices.Protocols.SunTech;

/// <summary>
/// SunTech Advantage OEM NIBP module (ak-git/DesktopFX, 519984307/Appciton). Decodes module responses
/// <c>3E LEN data CHK</c> and drives one measurement cycle from <see cref="WriteCommands"/>:
/// start → 'O' → poll cuff pressure every 200 ms → 'K' → Get BP data → result or error code.
/// Reports <see cref="DeviceCondition.NibpCycleStarted"/>, <see cref="DeviceCondition.NibpCycleCompleted"/>
/// and <see cref="DeviceCondition.NibpFailed"/>; a start request during a running cycle is ignored.
/// </summary>
public sealed class SunTechAdvantageProtocol : IDeviceProtocol
{
    private const int MinLength = 4;
    private const int MaxLength = 32;
    private static readonly TimeSpan s_pollPeriod = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(5);

    // A cycle takes 20–45 s, at most ~180 s (docs/devices.md); past that we abort it.
    private static readonly TimeSpan s_cycleTimeout = TimeSpan.FromSeconds(180);

    private readonly string _deviceId;
    private CycleState _state;
    private TimeSpan _stateSince;
    private TimeSpan _lastPoll;

    /// <summary>Creates the protocol for one device link.</summary>
    public SunTechAdvantageProtocol(ProtocolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _deviceId = context.DeviceId;
        ProtocolOptionsReader.RejectUnknown(context.Options, "suntech-advantage");
    }

    private enum CycleState : byte
    {
        Idle,
        Starting,
        Measuring,
        ResultDue,
        FetchingResult,
        Aborting,
    }

    /// <inheritdoc />
    public string ProtocolId => "suntech-advantage";

    /// <summary>200 ms: the cuff-pressure poll period.</summary>
    public TimeSpan? TickInterval => s_pollPeriod;

    /// <summary>True while a measurement cycle is running or its result is being fetched.</summary>
    public bool CycleRunning => _state != CycleState.Idle;

    /// <inheritdoc />
    public int WriteCommands(in ProtocolTick tick, Span<byte> output)
    {
        var now = tick.SinceOpen;
        if (tick.JustOpened)
        {
            SetState(CycleState.Idle, now);
        }

        if (tick.Request == DeviceRequest.Abort)
        {
            return Send(SunTechCommand.Abort, _state == CycleState.Idle ? CycleState.Idle : CycleState.Aborting, now, output);
        }

        if (tick.Request == DeviceRequest.StartMeasurement && _state == CycleState.Idle)
        {
            return Send(SunTechCommand.StartMeasurement, CycleState.Starting, now, output);
        }

        var inState = now - _stateSince;
        switch (_state)
        {
            case CycleState.Starting or CycleState.Aborting when inState >= s_replyTimeout:
                SetState(CycleState.Idle, now); // No reply: let the service start again.
                return 0;
            case CycleState.Measuring when inState >= s_cycleTimeout:
                return Send(SunTechCommand.Abort, CycleState.Aborting, now, output);
            case CycleState.Measuring when now - _lastPoll >= s_pollPeriod:
                var written = SunTechCommands.Write(SunTechCommand.GetCuffPressure, output);
                _lastPoll = written > 0 ? now : _lastPoll;
                return written;
            case CycleState.ResultDue:
                return Send(SunTechCommand.GetBpData, CycleState.FetchingResult, now, output);
            case CycleState.FetchingResult when inState >= s_replyTimeout:
                return Send(SunTechCommand.GetBpData, CycleState.FetchingResult, now, output);
            default:
                return 0;
        }
    }

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> input, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var junk = default(JunkCounter);
        var pos = 0;
        while (pos < input.Length)
        {
            var rest = input[pos..];
            if (rest[0] != SunTechCommands.ModuleStart || (rest.Length >= 2 && rest[1] is < MinLength or > MaxLength))
            {
                junk.Add();
                pos++;
                continue;
            }

            if (rest.Length < 2 || rest.Length < rest[1])
            {
                break;
            }

            var packet = rest[..rest[1]];
            junk.Flush(sink, "bytes skipped before a SunTech response");
            if (Sum(packet) != 0)
            {
                sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Checksum, 1, "SunTech response checksum mismatch"));
                pos++;
                continue;
            }

            OnResponse(packet, receivedAt, sink);
            pos += packet.Length;
        }

        junk.Flush(sink, "bytes skipped before a SunTech response");
        return pos;
    }

    private static byte Sum(ReadOnlySpan<byte> packet)
    {
        byte sum = 0;
        foreach (var b in packet)
        {
            sum += b;
        }

        return sum;
    }

    private int Send(SunTechCommand command, CycleState next, TimeSpan now, Span<byte> output)
    {
        var written = SunTechCommands.Write(command, output);
        if (written > 0)
        {
            SetState(next, now);
        }

        return written;
    }

    private void SetState(CycleState state, TimeSpan now)
    {
        _state = state;
        _stateSince = now;
        _lastPoll = now - s_pollPeriod; // Poll at once when measuring starts.
    }

    private void OnResponse(ReadOnlySpan<byte> packet, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        switch (packet[1])
        {
            case SunTechResponse.StatusLength:
                OnStatus(packet[2], receivedAt, sink);
                break;
            case SunTechResponse.CuffPressureLength:
                var pressure = BinaryPrimitives.ReadUInt16LittleEndian(packet[2..]);
                sink.OnObservation(ReadingRules.Create(_deviceId, Metric.CuffPressure, pressure, ObservationFlags.None, receivedAt));
                break;
            case SunTechResponse.BpDataLength:
                OnBpData(packet, receivedAt, sink);
                break;
            default:
                break; // Replies to commands we do not send.
        }
    }

    private void OnStatus(byte code, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        switch (code)
        {
            case SunTechResponse.Received:
                if (_state == CycleState.Starting)
                {
                    _state = CycleState.Measuring; // Keep _stateSince: the cycle timeout counts from the start command.
                    sink.OnStatus(new DeviceStatusEvent(_deviceId, DeviceCondition.NibpCycleStarted, true, receivedAt));
                }

                break;
            case SunTechResponse.Done:
                if (_state is CycleState.Idle or CycleState.Starting or CycleState.Measuring)
                {
                    _state = CycleState.ResultDue; // Also for a cycle started on the module itself.
                }

                break;
            default:
                var wasRunning = _state != CycleState.Idle;
                _state = CycleState.Idle;
                sink.OnStatus(new DeviceStatusEvent(
                    _deviceId,
                    wasRunning ? DeviceCondition.NibpFailed : DeviceCondition.CommandFailed,
                    true,
                    receivedAt,
                    code,
                    SunTechResponse.DescribeStatus(code)));
                break;
        }
    }

    private void OnBpData(ReadOnlySpan<byte> p, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        _state = CycleState.Idle;
        var error = p[20];
        if (error != 0)
        {
            sink.OnStatus(new DeviceStatusEvent(_deviceId, DeviceCondition.NibpFailed, true, receivedAt, error, SunTechResponse.DescribeError(error)));
            return;
        }

        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.Systolic, BinaryPrimitives.ReadUInt16LittleEndian(p[2..]), ObservationFlags.None, receivedAt));
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.Diastolic, BinaryPrimitives.ReadUInt16LittleEndian(p[4..]), ObservationFlags.None, receivedAt));
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.MeanArterial, BinaryPrimitives.ReadUInt16LittleEndian(p[18..]), ObservationFlags.None, receivedAt));
        sink.OnObservation(ReadingRules.Create(_deviceId, Metric.HeartRate, p[16], ObservationFlags.None, receivedAt));
        sink.OnStatus(new DeviceStatusEvent(_deviceId, DeviceCondition.NibpCycleCompleted, true, receivedAt));
    }
}

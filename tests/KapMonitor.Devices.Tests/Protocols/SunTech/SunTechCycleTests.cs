using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols;
using KapMonitor.Devices.Protocols.SunTech;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols.SunTech;

/// <summary>The command state machine: start → 'O' → poll → 'K' → Get BP data (docs/devices.md, SunTech).</summary>
public sealed class SunTechCycleTests
{
    private readonly SunTechAdvantageProtocol _protocol = new(Feed.Context());
    private readonly RecordingSink _sink = new();

    private string Write(double seconds, DeviceRequest request = DeviceRequest.None, bool justOpened = false)
    {
        var buffer = new byte[16];
        var n = _protocol.WriteCommands(new ProtocolTick(TimeSpan.FromSeconds(seconds), justOpened, request), buffer);
        return Convert.ToHexString(buffer, 0, n);
    }

    private void Receive(string hex) => Assert.Equal(Feed.Hex(hex).Length, _protocol.Decode(Feed.Hex(hex), Feed.At, _sink));

    private static string Status(char code)
    {
        var b = new byte[4];
        SunTechCommands.WriteStatusResponse((byte)code, b);
        return Convert.ToHexString(b);
    }

    [Fact]
    public void Full_cycle()
    {
        Assert.Equal("", Write(0, justOpened: true));
        Assert.Equal("", Write(0.1));
        Assert.Equal("3A20A6", Write(1, DeviceRequest.StartMeasurement));
        Assert.Equal("", Write(1.2)); // waiting for 'O'
        Receive(Status('O'));
        Assert.Equal(DeviceCondition.NibpCycleStarted, Assert.Single(_sink.Statuses).Condition);

        Assert.Equal("3A79050048", Write(1.25));
        Assert.Equal("", Write(1.3));
        Assert.Equal("3A79050048", Write(1.45));
        Receive("3E 05 02 01 BA");
        Assert.Equal(258, _sink.Single(Metric.CuffPressure).Value);

        Assert.Equal("3A79050048", Write(2, DeviceRequest.StartMeasurement)); // start ignored while running; polling goes on
        Receive(Status('K'));
        Assert.Equal("3A7903004A", Write(30));
        Assert.Equal("", Write(30.2)); // no more polls

        var data = new byte[24];
        SunTechCommands.WriteBpDataResponse(131, 85, 100, 77, 0, data);
        Receive(Convert.ToHexString(data));
        Assert.Equal(131, _sink.Single(Metric.Systolic).Value);
        Assert.Equal(DeviceCondition.NibpCycleCompleted, _sink.Statuses[^1].Condition);
        Assert.False(_protocol.CycleRunning);
        Assert.Equal("3A20A6", Write(100, DeviceRequest.StartMeasurement));
    }

    [Fact]
    public void Abort_request_and_aborted_reply_fail_the_cycle()
    {
        Write(0, justOpened: true);
        Write(1, DeviceRequest.StartMeasurement);
        Receive(Status('O'));
        Assert.Equal("3A7901004C", Write(2, DeviceRequest.Abort));
        Receive(Status('A'));

        var failed = _sink.Statuses[^1];
        Assert.Equal(DeviceCondition.NibpFailed, failed.Condition);
        Assert.Equal('A', failed.Code);
        Assert.False(_protocol.CycleRunning);
    }

    [Fact]
    public void Error_status_during_cycle_is_a_failure()
    {
        Write(0, justOpened: true);
        Write(1, DeviceRequest.StartMeasurement);
        Receive(Status('O'));
        Receive(Status('E'));
        Assert.Equal(DeviceCondition.NibpFailed, _sink.Statuses[^1].Condition);
        Assert.Equal('E', _sink.Statuses[^1].Code);
    }

    [Fact]
    public void No_reply_to_start_frees_the_link_and_overlong_cycle_is_aborted()
    {
        Write(0, justOpened: true);
        Write(1, DeviceRequest.StartMeasurement);
        Assert.Equal("", Write(6));
        Assert.False(_protocol.CycleRunning);

        Assert.Equal("3A20A6", Write(7, DeviceRequest.StartMeasurement));
        Receive(Status('O'));
        Assert.Equal("3A79050048", Write(7.2));
        Assert.Equal("3A7901004C", Write(7 + 181));
    }

    [Fact]
    public void Lost_result_is_requested_again()
    {
        Write(0, justOpened: true);
        Write(1, DeviceRequest.StartMeasurement);
        Receive(Status('O'));
        Receive(Status('K'));
        Assert.Equal("3A7903004A", Write(20));
        Assert.Equal("", Write(21));
        Assert.Equal("3A7903004A", Write(25));
    }

    [Fact]
    public void Small_output_buffer_sends_nothing_and_keeps_state()
    {
        Write(0, justOpened: true);
        Assert.Equal(0, _protocol.WriteCommands(new ProtocolTick(TimeSpan.FromSeconds(1), false, DeviceRequest.StartMeasurement), new byte[2]));
        Assert.False(_protocol.CycleRunning);
    }
}

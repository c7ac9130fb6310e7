using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;
using KapMonitor.Devices.Tests.Protocols.Support;

namespace KapMonitor.Devices.Tests.Protocols.Common;

public sealed class StatusEdgeTrackerTests
{
    [Fact]
    public void Reports_begin_and_end_once_each()
    {
        var tracker = new StatusEdgeTracker("dev-1");
        var sink = new RecordingSink();

        tracker.Update(ObservationFlags.ProbeOff, Feed.At, sink);
        tracker.Update(ObservationFlags.ProbeOff, Feed.At, sink);
        tracker.Update(ObservationFlags.ProbeOff | ObservationFlags.Searching, Feed.At, sink);
        tracker.Update(ObservationFlags.None, Feed.At, sink);

        Assert.Equal(
            [(DeviceCondition.ProbeOff, true), (DeviceCondition.Searching, true), (DeviceCondition.ProbeOff, false), (DeviceCondition.Searching, false)],
            sink.Statuses.Select(s => (s.Condition, s.Active)));
    }

    [Fact]
    public void Flags_without_a_condition_are_not_reported()
    {
        var tracker = new StatusEdgeTracker("dev-1");
        var sink = new RecordingSink();

        tracker.Update(ObservationFlags.SmartPoint | ObservationFlags.PoorSignal, Feed.At, sink);

        Assert.Empty(sink.Statuses);
    }
}

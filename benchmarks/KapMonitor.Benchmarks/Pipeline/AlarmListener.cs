using System.Diagnostics;
using System.Text.Json;
using KapMonitor.Mqtt;

namespace KapMonitor.Benchmarks.Pipeline;

/// <summary>
/// The tablet's side: receives the room's alarm events and hands the arrival timestamp of the next
/// <c>alarm.raised</c> / <c>alarm.cleared</c> to whoever waits for it. The timestamp is taken first
/// thing in the handler, before parsing, so JSON work on our side is not charged to the pipeline.
/// </summary>
internal sealed class AlarmListener
{
    private TaskCompletionSource<long> _raised = NewSource();
    private TaskCompletionSource<long> _cleared = NewSource();

    public long Raised { get; private set; }

    public long Cleared { get; private set; }

    /// <summary>Arms both waits; call before writing the frame that should cause the event.</summary>
    public (Task<long> Raised, Task<long> Cleared) Arm()
    {
        Volatile.Write(ref _raised, NewSource());
        Volatile.Write(ref _cleared, NewSource());
        return (_raised.Task, _cleared.Task);
    }

    public ValueTask OnMessageAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var doc = JsonDocument.Parse(message.Payload);
        var type = doc.RootElement.GetProperty("type").GetString();
        if (type == "alarm.raised" && IsSpo2(doc.RootElement))
        {
            Raised++;
            Volatile.Read(ref _raised).TrySetResult(arrived);
        }
        else if (type == "alarm.cleared")
        {
            Cleared++;
            Volatile.Read(ref _cleared).TrySetResult(arrived);
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsSpo2(JsonElement root) =>
        root.GetProperty("data").TryGetProperty("alarm", out var alarm)
        && alarm.TryGetProperty("metric", out var metric)
        && metric.GetString() == "spo2";

    private static TaskCompletionSource<long> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

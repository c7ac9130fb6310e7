using KapMonitor.Service.Api;

namespace KapMonitor.Service.Pipeline;

/// <summary>Runs every room's loop for the life of the service.</summary>
public sealed class RoomHostService(RoomRegistry rooms, ILogger<RoomHostService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = rooms.All.Select(r => RunRoomAsync(r, stoppingToken)).ToArray();
        await Task.WhenAll(loops);
    }

    private async Task RunRoomAsync(RoomRuntime room, CancellationToken stoppingToken)
    {
        // A room's loop must not die for good on an unexpected failure: log, back off, resume (replaying
        // the journal restores the engine).
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await room.RunAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Room {Room}: loop failed; restarting in {Delay}", room.RoomId, backoff);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }
}

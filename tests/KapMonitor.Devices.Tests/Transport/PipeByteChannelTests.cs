using System.Text;
using KapMonitor.Devices.Transport;

namespace KapMonitor.Devices.Tests.Transport;

public sealed class PipeByteChannelTests
{
    [Fact]
    public async Task Bytes_cross_in_both_directions_and_reads_take_only_what_fits()
    {
        var (host, device) = PipeByteChannel.CreatePair("sim");
        await host.OpenAsync(CancellationToken.None);
        await device.OpenAsync(CancellationToken.None);

        await device.WriteAsync("hello"u8.ToArray(), CancellationToken.None);
        var buffer = new byte[3];
        Assert.Equal(3, await host.ReadAsync(buffer, CancellationToken.None));
        Assert.Equal("hel", Encoding.ASCII.GetString(buffer));
        Assert.Equal(2, await host.ReadAsync(buffer, CancellationToken.None));
        Assert.Equal("lo", Encoding.ASCII.GetString(buffer, 0, 2));

        await host.WriteAsync("cmd"u8.ToArray(), CancellationToken.None);
        Assert.Equal(3, await device.ReadAsync(buffer, CancellationToken.None));
        Assert.Equal("sim", host.Description);
    }

    [Fact]
    public async Task Closing_one_end_makes_the_other_end_unavailable_after_it_drains()
    {
        var (host, device) = PipeByteChannel.CreatePair();
        await host.OpenAsync(CancellationToken.None);
        await device.OpenAsync(CancellationToken.None);

        await device.WriteAsync("last"u8.ToArray(), CancellationToken.None);
        await device.DisposeAsync();

        Assert.Equal(4, await host.ReadAsync(new byte[16], CancellationToken.None));
        await Assert.ThrowsAsync<DeviceUnavailableException>(() => host.ReadAsync(new byte[16], CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<DeviceUnavailableException>(() => host.WriteAsync("x"u8.ToArray(), CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_pending_read_honours_cancellation()
    {
        var (host, _) = PipeByteChannel.CreatePair();
        await host.OpenAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var pending = host.ReadAsync(new byte[4], cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task Reading_before_open_is_a_contract_error()
    {
        var (host, _) = PipeByteChannel.CreatePair();
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.ReadAsync(new byte[4], CancellationToken.None).AsTask());
    }
}

using KapMonitor.Testing;

namespace KapMonitor.Service.Tests.Unit;

/// <summary>The shared teardown of the integration tests and the pipeline rig (tests/KapMonitor.Testing).</summary>
public sealed class TeardownTests
{
    [Fact]
    public async Task Steps_run_last_registered_first_whatever_their_kind()
    {
        var order = new List<string>();
        var teardown = new Teardown();
        teardown.Add(new Disposable(order, "temp dir"));
        var broker = teardown.Add(new AsyncDisposable(order, "broker"));
        teardown.Add(() =>
        {
            order.Add("service");
            return ValueTask.CompletedTask;
        });

        await teardown.DisposeAsync();

        Assert.Equal("broker", broker.Name);
        Assert.Equal(["service", "broker", "temp dir"], order);
        Assert.Equal(0, teardown.Count);
    }

    [Fact]
    public async Task A_failing_step_does_not_stop_the_others_and_every_failure_is_rethrown()
    {
        var order = new List<string>();
        var teardown = new Teardown();
        teardown.Add(new Disposable(order, "temp dir"));
        teardown.Add(new AsyncDisposable(order, "broker", new IOException("broker would not stop")));
        teardown.Add(new AsyncDisposable(order, "influxd"));
        teardown.Add(new AsyncDisposable(order, "pty", new InvalidOperationException("pty stuck")));

        var ex = await Assert.ThrowsAsync<AggregateException>(() => teardown.DisposeAsync().AsTask());

        Assert.Equal(["pty", "influxd", "broker", "temp dir"], order);
        Assert.Collection(
            ex.InnerExceptions,
            e => Assert.Equal("pty stuck", Assert.IsType<InvalidOperationException>(e).Message),
            e => Assert.Equal("broker would not stop", Assert.IsType<IOException>(e).Message));
    }

    [Fact]
    public async Task A_second_dispose_runs_nothing_and_registering_afterwards_is_refused()
    {
        var order = new List<string>();
        var teardown = new Teardown();
        teardown.Add(new Disposable(order, "temp dir"));

        await teardown.DisposeAsync();
        await teardown.DisposeAsync();

        Assert.Equal(["temp dir"], order);
        Assert.Throws<ObjectDisposedException>(() => teardown.Add(new Disposable(order, "late")));
    }

    private sealed class Disposable(List<string> order, string name) : IDisposable
    {
        public void Dispose() => order.Add(name);
    }

    private sealed class AsyncDisposable(List<string> order, string name, Exception? failure = null) : IAsyncDisposable
    {
        public string Name => name;

        public async ValueTask DisposeAsync()
        {
            await Task.Yield();
            order.Add(name);
            if (failure is not null)
            {
                throw failure;
            }
        }
    }
}

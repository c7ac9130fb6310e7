using KapMonitor.Testing.Peers;

namespace KapMonitor.Influx.Tests.Integration;

/// <summary>One plain influxd 1.6 shared by the tests of a class (each test uses its own database).</summary>
public sealed class SharedInfluxd : IAsyncLifetime
{
    private InfluxFixture? _influx;

    public InfluxFixture Influx => _influx ?? throw new InvalidOperationException("influxd did not start.");

    public async Task InitializeAsync() => _influx = await InfluxFixture.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_influx is not null)
        {
            await _influx.DisposeAsync();
        }
    }
}

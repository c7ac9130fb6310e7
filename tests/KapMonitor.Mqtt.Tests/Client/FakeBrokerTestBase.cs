using KapMonitor.Mqtt.Client;
using KapMonitor.Testing;
using Xunit.Abstractions;

namespace KapMonitor.Mqtt.Tests.Client;

/// <summary>Shared plumbing for tests against the scripted in-memory broker: a logger that fails the test on errors.</summary>
public abstract class FakeBrokerTestBase(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>A bound on a shared, loaded machine, not a timing claim.</summary>
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    protected TestLoggerProvider Logs { get; } = new(output);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Logs.AssertNoErrors();
        Logs.Dispose();
        return Task.CompletedTask;
    }

    protected static MqttApplicationMessage Message(string topic, MqttQualityOfService qos, string payload = "x") =>
        new() { Topic = topic, Payload = System.Text.Encoding.UTF8.GetBytes(payload), QualityOfService = qos };
}

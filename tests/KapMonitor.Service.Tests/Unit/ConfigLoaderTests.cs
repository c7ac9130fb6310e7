using KapMonitor.Service.Configuration;
using KapMonitor.Testing;
using KapMonitor.Testing.Peers;

namespace KapMonitor.Service.Tests.Unit;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("kapmon-config");

    [Fact]
    public void The_shipped_example_loads_and_resolves_relative_paths()
    {
        var config = ConfigLoader.Load(RepoPaths.Combine("deploy", "kapmonitor.example.json"));
        Assert.Equal("clinic-a", config.Site);
        Assert.Equal(2, config.Rooms[0].Devices.Count);
        Assert.Equal(Path.Combine(RepoPaths.Root, "deploy", "users.json"), config.UsersFile);
        Assert.Equal("5.0", config.Mqtt!.ProtocolVersion);
    }

    [Fact]
    public void Every_file_path_resolves_against_the_config_file_not_the_working_directory()
    {
        var path = _dir.Combine("kapmonitor.json");
        File.WriteAllText(path, """
            {
              "journal": { "path": "data/journal.db" }, "usersFile": "users.json",
              "mqtt": { "caFile": "tls/ca.pem", "clientCertFile": "tls/edge.pem", "clientKeyFile": "/etc/kapmonitor/edge.key" }
            }
            """);
        var config = ConfigLoader.Load(path);
        Assert.Equal(_dir.Combine("data/journal.db"), config.Journal.Path);
        Assert.Equal(_dir.Combine("users.json"), config.UsersFile);
        Assert.Equal(_dir.Combine("tls/ca.pem"), config.Mqtt!.CaFile);
        Assert.Equal(_dir.Combine("tls/edge.pem"), config.Mqtt.ClientCertFile);
        Assert.Equal("/etc/kapmonitor/edge.key", config.Mqtt.ClientKeyFile);
    }

    [Theory]
    [InlineData("""{ "site": "Clinic A" }""", "site must be 1-64 lowercase letters")]
    [InlineData("""{ "rooms": [ { "id": "r1", "devices": [ { "id": "d1", "profile": "nonin-3150" } ] } ] }""", "set exactly one of \"port\"")]
    [InlineData("""{ "rooms": [ { "id": "r1", "devices": [ { "id": "d1", "profile": "p", "tcp": "host" } ] } ] }""", "rooms[0].devices[0].tcp must be host:port")]
    [InlineData("""{ "rooms": [ { "id": "r1", "devices": [ { "id": "d1", "profile": "p", "port": "/dev/x", "arm": "centre" } ] } ] }""", "arm must be one of left, right (found \"centre\")")]
    [InlineData("""{ "rooms": [ { "id": "r1" }, { "id": "r1" } ] }""", "rooms[1].id must be unique")]
    [InlineData("""{ "mqtt": { "protocolVersion": "4" } }""", "mqtt.protocolVersion must be one of 3.1.1, 5.0 (found \"4\")")]
    [InlineData("""{ "mqtt": { "acceptCommands": true } }""", "mqtt.acceptCommands needs usersFile")]
    [InlineData("""{ "influx": { "api": "v9", "url": "http://x" } }""", "influx.api must be one of v1, v2, v3")]
    [InlineData("""{ "influx": { "api": "v1", "url": "http://x" } }""", "influx.database is required with api v1")]
    [InlineData("""{ "journal": { "retentionDays": 0 } }""", "journal.retentionDays must be between 1 and 3650 (found \"0\")")]
    [InlineData("""{ "sight": "typo" }""", "sight")]
    [InlineData("""{ "site": """, "kapmonitor.json")]
    public void Errors_name_the_file_the_field_and_what_is_allowed(string json, string expected)
    {
        var path = _dir.Combine("kapmonitor.json");
        File.WriteAllText(path, json);
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_says_so() =>
        Assert.Contains("not found", Assert.Throws<ConfigException>(() => ConfigLoader.Load(_dir.Combine("nope.json"))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("10.0.0.5:4001", "10.0.0.5", 4001)]
    [InlineData("[::1]:4001", "::1", 4001)]
    [InlineData("terminal.lan:1", "terminal.lan", 1)]
    public void Host_and_port_parse(string text, string host, int port)
    {
        Assert.True(ConfigLoader.TryParseHostPort(text, out var h, out var p));
        Assert.Equal((host, port), (h, p));
    }

    [Theory]
    [InlineData("host")]
    [InlineData(":80")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    public void Bad_host_and_port_do_not_parse(string text) => Assert.False(ConfigLoader.TryParseHostPort(text, out _, out _));

    public void Dispose() => _dir.Dispose();
}

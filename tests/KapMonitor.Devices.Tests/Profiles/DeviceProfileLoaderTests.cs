using KapMonitor.Devices.Profiles;
using KapMonitor.Testing.Peers;

namespace KapMonitor.Devices.Tests.Profiles;

public sealed class DeviceProfileLoaderTests
{
    private const string Valid = """
        {
          "id": "nonin-3150",
          "manufacturer": "Nonin",
          "model": "WristOx2 3150",
          "kind": "oximeter",
          "transport": "serial",
          "serial": { "baudRate": 9600, "dataBits": 8, "parity": "none", "stopBits": 1, "flowControl": "none" },
          "protocol": "nonin-df8",
          "protocolOptions": { "setFormatOnOpen": true },
          "cadence": "1 frame/s",
          "metrics": ["spo2", "pulse_rate"],
          "sources": ["reference §2.1"]
        }
        """;

    private static IReadOnlyList<string> Errors(string json, string? expectedId = "nonin-3150") =>
        DeviceProfileLoader.Parse(json, "device-profiles/nonin-3150.json", expectedId).Errors;

    [Fact]
    public void Valid_profile_parses()
    {
        var result = DeviceProfileLoader.Parse(Valid, "device-profiles/nonin-3150.json", "nonin-3150");

        Assert.True(result.Succeeded);
        var profile = Assert.Single(result.Profiles);
        Assert.Equal(DeviceKind.Oximeter, profile.Kind);
        Assert.Equal(DeviceTransport.Serial, profile.Transport);
        Assert.Equal(9600, profile.Serial!.BaudRate);
        Assert.True(profile.ProtocolOptions!.Value.GetProperty("setFormatOnOpen").GetBoolean());
    }

    [Fact]
    public void Bad_baud_rate_message_names_file_field_allowed_values_and_found_value()
    {
        var error = Assert.Single(Errors(Valid.Replace("9600", "9601", StringComparison.Ordinal)));
        Assert.Equal("device-profiles/nonin-3150.json: serial.baudRate must be one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200 (found 9601)", error);
    }

    [Fact]
    public void Unknown_protocol_lists_known_ids()
    {
        var error = Assert.Single(Errors(Valid.Replace("nonin-df8", "nonin-df9", StringComparison.Ordinal)));
        Assert.StartsWith("device-profiles/nonin-3150.json: protocol must be one of ", error, StringComparison.Ordinal);
        Assert.Contains("nonin-df8", error, StringComparison.Ordinal);
        Assert.Contains("suntech-advantage", error, StringComparison.Ordinal);
        Assert.EndsWith("(found \"nonin-df9\")", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"kind\": \"oximeter\"", "\"kind\": \"thermometer\"", "kind must be one of oximeter, nibp, multi (found \"thermometer\")")]
    [InlineData("\"transport\": \"serial\"", "\"transport\": \"usb\"", "transport must be one of serial, tcp, ble (found \"usb\")")]
    [InlineData("\"parity\": \"none\"", "\"parity\": \"N\"", "serial.parity must be one of none, odd, even, mark, space (found \"N\")")]
    [InlineData("\"stopBits\": 1", "\"stopBits\": 3", "serial.stopBits must be one of 1, 2 (found 3)")]
    [InlineData("\"dataBits\": 8", "\"dataBits\": \"8\"", "serial.dataBits must be one of 5, 6, 7, 8 (found \"8\")")]
    [InlineData("\"flowControl\": \"none\"", "\"flowControl\": \"hw\"", "serial.flowControl must be one of none, xonxoff, rtscts (found \"hw\")")]
    [InlineData("\"pulse_rate\"", "\"pulse\"", "metrics must contain only")]
    [InlineData("\"cadence\": \"1 frame/s\",", "", "cadence is required")]
    [InlineData("\"id\": \"nonin-3150\"", "\"id\": \"Nonin 3150\"", "id must be lowercase letters, digits and dashes")]
    [InlineData("\"id\": \"nonin-3150\"", "\"id\": \"nonin-3151\"", "id must equal the file name \"nonin-3150\"")]
    [InlineData("\"cadence\"", "\"cadance\": \"x\", \"cadence\"", "cadance is not a known field")]
    [InlineData("\"baudRate\"", "\"baudrate\": 1, \"baudRate\"", "serial.baudrate is not a known field")]
    [InlineData("\"sources\": [\"reference §2.1\"]", "\"sources\": []", "sources must not be empty")]
    public void Field_errors_are_explained(string from, string to, string expected)
    {
        var errors = Errors(Valid.Replace(from, to, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("device-profiles/nonin-3150.json: ", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var json = Valid.Replace("9600", "9601", StringComparison.Ordinal).Replace("\"oximeter\"", "\"x\"", StringComparison.Ordinal);
        Assert.Equal(2, Errors(json).Count);
    }

    [Fact]
    public void Serial_transport_requires_serial_settings()
    {
        var json = Valid.Replace("\"serial\": {", "\"tcp\": { \"port\": 4001 }, \"unused\": {", StringComparison.Ordinal);
        Assert.Contains(Errors(json), e => e.EndsWith("serial is required (an object)", StringComparison.Ordinal));
    }

    [Fact]
    public void Not_json_and_not_object_are_reported()
    {
        Assert.Contains("is not valid JSON", Assert.Single(Errors("{ nope")), StringComparison.Ordinal);
        Assert.Contains("must be a JSON object", Assert.Single(Errors("[]")), StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_line_options_are_validated()
    {
        var json = Valid.Replace("nonin-df8", "generic-line", StringComparison.Ordinal)
            .Replace("{ \"setFormatOnOpen\": true }", "{ \"keys\": { \"SPO2\": \"oxygen\" } }", StringComparison.Ordinal);

        var error = Assert.Single(Errors(json));
        Assert.StartsWith("device-profiles/nonin-3150.json: protocolOptions.keys.SPO2 must be one of spo2, ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ble_settings_are_validated()
    {
        const string ble = """
            {
              "id": "cuff", "manufacturer": "A", "model": "B", "kind": "nibp", "transport": "ble",
              "ble": { "service": "18100", "characteristics": { "2a35": "nope" }, "pairingRequired": "yes" },
              "protocol": "suntech-advantage", "cadence": "x", "metrics": ["systolic"], "sources": ["s"]
            }
            """;

        var errors = DeviceProfileLoader.Parse(ble, "device-profiles/cuff.json").Errors;

        Assert.Contains(errors, e => e.Contains("ble.service must be a 16-bit", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ble.characteristics.2a35 must name a protocol", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ble.pairingRequired must be true or false", StringComparison.Ordinal));
    }

    [Fact]
    public void Directory_load_reports_files_by_folder_and_duplicates()
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "device-profiles");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "nonin-3150.json"), Valid);
        File.WriteAllText(Path.Combine(folder, "broken.json"), Valid.Replace("9600", "9601", StringComparison.Ordinal));

        var result = DeviceProfileLoader.LoadDirectory(folder);

        Assert.Single(result.Profiles);
        Assert.Contains(result.Errors, e => e.StartsWith("device-profiles/broken.json: id must equal the file name \"broken\"", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("device-profiles/broken.json: serial.baudRate", StringComparison.Ordinal));
        Assert.False(DeviceProfileLoader.LoadDirectory(Path.Combine(temp.Path, "missing")).Succeeded);
    }
}

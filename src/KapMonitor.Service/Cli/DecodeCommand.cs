using System.Text.Json;
using KapMonitor.Devices.Decoding;

namespace KapMonitor.Service.Cli;

/// <summary>
/// <c>kapmon decode --protocol ID (--hex HEX | --file PATH) [--options JSON]</c>: one JSON object per line
/// for every observation, status event and protocol error in a captured byte dump. Never crashes on input.
/// </summary>
public static class DecodeCommand
{
    public static int Run(CliArgs cli, TextWriter output)
    {
        var protocol = cli.Require("protocol", "a protocol id (e.g. nonin-df2, masimo-ascii, ble-bp-measurement)");
        var hex = cli.Get("hex");
        var file = cli.Get("file");
        var optionsText = cli.Get("options");
        cli.RejectUnknown();
        if ((hex is null) == (file is null))
        {
            throw new UsageException("give exactly one of --hex HEX and --file PATH.");
        }

        JsonElement? options = null;
        if (optionsText is not null)
        {
            try
            {
                using var doc = JsonDocument.Parse(optionsText);
                options = doc.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new UsageException($"--options must be a JSON object ({ex.Message}).", ex);
            }
        }

        if (hex is not null)
        {
            return DecodeTool.RunHex(protocol, hex, output, options);
        }

        if (!File.Exists(file))
        {
            throw new UsageException($"--file {file}: no such file.");
        }

        return DecodeTool.Run(protocol, File.ReadAllBytes(file!), output, options);
    }
}

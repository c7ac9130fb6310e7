using System.Text.Json;
using KapMonitor.Devices.Protocols;

namespace KapMonitor.Devices.Decoding;

/// <summary>
/// The logic of <c>kapmon decode --protocol ID --hex HEX | --file PATH</c>: runs bytes through a
/// protocol and prints one JSON object per line (see <see cref="JsonLineSink"/>) for every observation,
/// status event and protocol error. Never throws on any input; bad arguments become one error line.
/// </summary>
public static class DecodeTool
{
    /// <summary>Exit code: decoded (protocol errors in the bytes are output, not failures).</summary>
    public const int Success = 0;

    /// <summary>Exit code: unknown protocol, invalid options or unreadable hex.</summary>
    public const int UsageError = 2;

    /// <summary>Fixed receive time, so output is deterministic.</summary>
    public static readonly DateTimeOffset ReceivedAt = DateTimeOffset.UnixEpoch;

    /// <summary>Decodes <paramref name="bytes"/> with <paramref name="protocolId"/> and prints JSON lines to <paramref name="output"/>.</summary>
    /// <param name="protocolId">A <see cref="ProtocolRegistry"/> id.</param>
    /// <param name="bytes">The raw bytes as received from the device.</param>
    /// <param name="output">Where to print.</param>
    /// <param name="options">Protocol options, as a profile's <c>protocolOptions</c>.</param>
    /// <returns><see cref="Success"/> or <see cref="UsageError"/>.</returns>
    public static int Run(string protocolId, ReadOnlySpan<byte> bytes, TextWriter output, JsonElement? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sink = new JsonLineSink(output);
        IDeviceProtocol? protocol;
        try
        {
            if (!ProtocolRegistry.TryCreate(protocolId ?? "", new ProtocolContext("decode", options), out protocol))
            {
                sink.OnToolError("unknown_protocol", $"unknown protocol '{protocolId}'; use one of {string.Join(", ", ProtocolRegistry.Ids)}");
                return UsageError;
            }
        }
        catch (ArgumentException ex)
        {
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            sink.OnToolError("invalid_options", message.StartsWith(protocolId + ":", StringComparison.Ordinal) ? message : $"{protocolId}: {message}");
            return UsageError;
        }

        var consumed = protocol.Decode(bytes, ReceivedAt, sink);
        consumed = Math.Clamp(consumed, 0, bytes.Length);
        if (consumed < bytes.Length)
        {
            sink.OnProtocolError(new ProtocolError(ProtocolErrorKind.Truncated, bytes.Length - consumed, "incomplete frame at the end of the input"));
        }

        return Success;
    }

    /// <summary>Parses <paramref name="hex"/> (see <see cref="HexParser"/>) and runs <see cref="Run"/>.</summary>
    public static int RunHex(string protocolId, string hex, TextWriter output, JsonElement? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!HexParser.TryParse(hex, out var bytes, out var error))
        {
            new JsonLineSink(output).OnToolError("invalid_hex", error);
            return UsageError;
        }

        return Run(protocolId, bytes, output, options);
    }
}

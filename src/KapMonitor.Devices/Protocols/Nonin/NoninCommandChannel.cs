using KapMonitor.Core.Observations;
using KapMonitor.Devices.Protocols.Common;

namespace KapMonitor.Devices.Protocols.Nonin;

/// <summary>
/// The optional set-format-on-open exchange shared by every Nonin format: sends the command when the
/// profile asks for it (<c>protocolOptions: {"setFormatOnOpen": true}</c>) and recognises the ACK/NAK byte.
/// </summary>
internal sealed class NoninCommandChannel
{
    private readonly string _deviceId;
    private readonly byte _format;
    private readonly bool _setFormatOnOpen;
    private bool _awaitingReply;

    public NoninCommandChannel(ProtocolContext context, string protocolId, byte format)
    {
        _deviceId = context.DeviceId;
        _format = format;
        ProtocolOptionsReader.RejectUnknown(context.Options, protocolId, "setFormatOnOpen");
        _setFormatOnOpen = ProtocolOptionsReader.Bool(context.Options, protocolId, "setFormatOnOpen");
    }

    public int WriteCommands(in ProtocolTick tick, Span<byte> output)
    {
        if (!tick.JustOpened || !_setFormatOnOpen)
        {
            return 0;
        }

        var written = NoninCommands.SetDataFormat(_format, output);
        _awaitingReply = written > 0;
        return written;
    }

    /// <summary>
    /// Consumes <paramref name="b"/> when it is the reply to a command we sent. A NAK is reported as
    /// <see cref="DeviceCondition.CommandFailed"/>; the device keeps its previous format.
    /// </summary>
    public bool TryConsumeReply(byte b, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        if (!_awaitingReply || (b != NoninCommands.Ack && b != NoninCommands.Nak))
        {
            return false;
        }

        _awaitingReply = false;
        if (b == NoninCommands.Nak)
        {
            sink.OnStatus(new DeviceStatusEvent(_deviceId, DeviceCondition.CommandFailed, true, receivedAt, NoninCommands.Nak, "set data format refused (NAK)"));
        }

        return true;
    }
}

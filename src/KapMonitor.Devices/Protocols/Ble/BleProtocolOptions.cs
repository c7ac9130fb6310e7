using System.Text.Json;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// Reads the <c>protocolOptions</c> the BLE decoders understand. Only <c>deviceClockUtcOffsetMinutes</c> (number,
/// −1440..1440, default 0): the offset of the device's wall clock from UTC, since BLE Date Time carries no zone.
/// </summary>
internal static class BleProtocolOptions
{
    public const string ClockOffsetProperty = "deviceClockUtcOffsetMinutes";

    public static TimeSpan DeviceClockUtcOffset(ProtocolContext context)
    {
        if (context.Options is not { ValueKind: JsonValueKind.Object } options
            || !options.TryGetProperty(ClockOffsetProperty, out var property))
        {
            return TimeSpan.Zero;
        }

        if (property.ValueKind != JsonValueKind.Number || !property.TryGetInt32(out int minutes) || minutes is < -1440 or > 1440)
        {
            throw new ArgumentException(
                $"Device '{context.DeviceId}': protocolOptions.{ClockOffsetProperty} must be a whole number of minutes in -1440..1440 (found {property.GetRawText()}).",
                nameof(context));
        }

        return TimeSpan.FromMinutes(minutes);
    }
}

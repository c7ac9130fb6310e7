namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// Base of the decoders for one GATT characteristic. The BLE transport hands over each notification or
/// indication as one message, so one <see cref="Decode"/> call is exactly one characteristic value: it is decoded
/// whole and always consumed, also when it is bad (reported as <see cref="ProtocolErrorKind.Truncated"/> or
/// <see cref="ProtocolErrorKind.Malformed"/>). GATT decoders never send commands.
/// </summary>
public abstract class GattCharacteristicProtocol : IDeviceProtocol
{
    /// <summary>Creates a decoder stamping observations with <paramref name="deviceId"/>.</summary>
    /// <param name="deviceId">Configured device id.</param>
    /// <param name="deviceClockUtcOffset">
    /// Offset of the device's wall clock from UTC. BLE Date Time carries no zone; zero reads the device time as UTC.
    /// </param>
    protected GattCharacteristicProtocol(string deviceId, TimeSpan deviceClockUtcOffset)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        DeviceId = deviceId;
        DeviceClockUtcOffset = deviceClockUtcOffset;
    }

    /// <inheritdoc/>
    public abstract string ProtocolId { get; }

    /// <summary>Configured device id stamped on observations and status events.</summary>
    public string DeviceId { get; }

    /// <summary>Offset of the device's wall clock from UTC, used to turn device time stamps into instants.</summary>
    public TimeSpan DeviceClockUtcOffset { get; }

    /// <inheritdoc/>
    public TimeSpan? TickInterval => null;

    /// <summary>Decodes one characteristic value and returns its length (everything is consumed). An empty input is nothing to decode.</summary>
    public int Decode(ReadOnlySpan<byte> input, DateTimeOffset receivedAt, IDecodeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!input.IsEmpty)
        {
            DecodeValue(input, receivedAt, sink);
        }

        return input.Length;
    }

    /// <inheritdoc/>
    public int WriteCommands(in ProtocolTick tick, Span<byte> output) => 0;

    /// <inheritdoc />
    public bool WritesAfterDecode => false;

    /// <summary>Decodes one non-empty characteristic value.</summary>
    protected abstract void DecodeValue(ReadOnlySpan<byte> value, DateTimeOffset receivedAt, IDecodeSink sink);

    /// <summary>
    /// Parses <paramref name="value"/> as a <typeparamref name="T"/>, or reports why it could not be parsed and returns
    /// false (the value is still consumed: a bad notification is not resynchronised, see the class remarks).
    /// </summary>
    private protected static bool TryParse<T>(ReadOnlySpan<byte> value, IDecodeSink sink, out T parsed)
        where T : struct, IGattValue<T>
    {
        if (T.TryParse(value, out parsed, out var error))
        {
            return true;
        }

        sink.OnProtocolError(error);
        return false;
    }

    /// <summary>The device time stamp as an instant, or null when absent, unknown or invalid.</summary>
    protected DateTimeOffset? ToDeviceTime(GattDateTime? stamp) => stamp?.ToInstant(DeviceClockUtcOffset);
}

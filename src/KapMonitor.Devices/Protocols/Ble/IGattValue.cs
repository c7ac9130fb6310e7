namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// A characteristic value type with the parser every <see cref="GattCharacteristicProtocol"/> calls, so the base
/// class reports parse failures once for all of them (a static abstract member: the call is resolved per value type
/// at JIT time, no delegate and no boxing per notification).
/// </summary>
/// <typeparam name="TSelf">The value type itself.</typeparam>
internal interface IGattValue<TSelf>
    where TSelf : struct, IGattValue<TSelf>
{
    /// <summary>Parses one characteristic value; on failure <paramref name="error"/> says why.</summary>
    static abstract bool TryParse(ReadOnlySpan<byte> value, out TSelf parsed, out ProtocolError error);
}

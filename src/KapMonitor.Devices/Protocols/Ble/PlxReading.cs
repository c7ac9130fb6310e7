namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>One SpO2PR pair of a PLX measurement (SpO2 %, pulse rate beats/min).</summary>
/// <param name="Spo2">SpO2, %.</param>
/// <param name="PulseRate">Pulse rate, beats/min.</param>
public readonly record struct PlxReading(Sfloat Spo2, Sfloat PulseRate)
{
    /// <summary>Bytes on the wire.</summary>
    public const int Size = 4;

    internal static PlxReading Read(ReadOnlySpan<byte> source) => new(Sfloat.Read(source), Sfloat.Read(source[2..]));

    internal void Write(Span<byte> destination)
    {
        Spo2.Write(destination);
        PulseRate.Write(destination[2..]);
    }
}

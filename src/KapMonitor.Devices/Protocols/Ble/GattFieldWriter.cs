using System.Buffers.Binary;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// The encoding side of <see cref="GattFieldReader"/>: writes each present optional field after the previous one,
/// in flag-bit order, and skips absent ones. Callers size the destination from the flags first.
/// </summary>
internal ref struct GattFieldWriter
{
    private readonly Span<byte> _destination;
    private int _offset;

    /// <summary>A cursor at <paramref name="offset"/>, the first byte after the mandatory fields.</summary>
    public GattFieldWriter(Span<byte> destination, int offset)
    {
        _destination = destination;
        _offset = offset;
    }

    public void Write(GattDateTime? field)
    {
        if (field is { } value)
        {
            value.Write(Next(GattDateTime.Size));
        }
    }

    public void Write(Sfloat? field)
    {
        if (field is { } value)
        {
            value.Write(Next(Sfloat.Size));
        }
    }

    public void Write(PlxReading? field)
    {
        if (field is { } value)
        {
            value.Write(Next(PlxReading.Size));
        }
    }

    public void Write(byte? field)
    {
        if (field is { } value)
        {
            Next(1)[0] = value;
        }
    }

    public void WriteUInt16(ushort? field)
    {
        if (field is { } value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(Next(2), value);
        }
    }

    public void WriteUInt24(uint? field)
    {
        if (field is { } value)
        {
            GattParse.WriteUInt24(Next(3), value);
        }
    }

    private Span<byte> Next(int size)
    {
        var field = _destination.Slice(_offset, size);
        _offset += size;
        return field;
    }
}

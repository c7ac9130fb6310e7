using System.Buffers.Binary;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// Cursor over the optional fields of a flags-led characteristic value (0x2A35/0x2A36, 0x2A5E, 0x2A5F, 0x2A60).
/// The SIG layouts (GATT Specification Supplement: 0x2A35, 0x2A5E, 0x2A5F) put each optional field
/// after the mandatory ones, in flag-bit order, present only when its flag is set; so one cursor that advances
/// only past present fields reads every one of them. Callers check the length the flags require first, so a
/// read never runs past the value.
/// </summary>
internal ref struct GattFieldReader
{
    private readonly ReadOnlySpan<byte> _value;
    private readonly uint _flags;
    private int _offset;

    /// <summary>A cursor at <paramref name="offset"/>, the first byte after the mandatory fields.</summary>
    public GattFieldReader(ReadOnlySpan<byte> value, uint flags, int offset)
    {
        _value = value;
        _flags = flags;
        _offset = offset;
    }

    public GattDateTime? ReadDateTime(uint flag) => Next(flag, GattDateTime.Size, out var field) ? GattDateTime.Read(field) : null;

    public Sfloat? ReadSfloat(uint flag) => Next(flag, Sfloat.Size, out var field) ? Sfloat.Read(field) : null;

    public PlxReading? ReadPlxReading(uint flag) => Next(flag, PlxReading.Size, out var field) ? PlxReading.Read(field) : null;

    public byte? ReadByte(uint flag) => Next(flag, 1, out var field) ? field[0] : null;

    public ushort? ReadUInt16(uint flag) => Next(flag, 2, out var field) ? BinaryPrimitives.ReadUInt16LittleEndian(field) : null;

    public uint? ReadUInt24(uint flag) => Next(flag, 3, out var field) ? GattParse.ReadUInt24(field) : null;

    private bool Next(uint flag, int size, out ReadOnlySpan<byte> field)
    {
        if ((_flags & flag) == 0)
        {
            field = default;
            return false;
        }

        field = _value.Slice(_offset, size);
        _offset += size;
        return true;
    }
}

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// The reserved values of IEEE 11073-20601 SFLOAT and FLOAT (§F.8 "MDER FLOAT/SFLOAT"). They are whole raw
/// values with exponent 0, not numbers; a decoder maps them to a validity, never to a measurement.
/// </summary>
public enum MderSpecial : byte
{
    /// <summary>An ordinary number.</summary>
    None = 0,
    /// <summary>NaN, "invalid result" (SFLOAT 0x07FF, FLOAT 0x007FFFFF).</summary>
    NaN,
    /// <summary>NRes, "not at this resolution" (SFLOAT 0x0800, FLOAT 0x00800000).</summary>
    NotAtResolution,
    /// <summary>+INFINITY (SFLOAT 0x07FE, FLOAT 0x007FFFFE).</summary>
    PositiveInfinity,
    /// <summary>−INFINITY (SFLOAT 0x0802, FLOAT 0x00800002).</summary>
    NegativeInfinity,
    /// <summary>Reserved for future use (SFLOAT 0x0801, FLOAT 0x00800001).</summary>
    Reserved,
}

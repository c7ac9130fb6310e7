namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>Unit of the pressure fields of 0x2A35/0x2A36 (flags bit 0).</summary>
public enum BloodPressureUnit : byte
{
    /// <summary>mmHg (flags bit 0 = 0).</summary>
    MillimetreOfMercury = 0,
    /// <summary>kPa (flags bit 0 = 1).</summary>
    Kilopascal = 1,
}
